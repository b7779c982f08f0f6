"""Directives run by a builder: a table of handlers, checked against the one list of names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from s75docs.doctree.nodes import Block
from s75docs.errors import InputError, Location
from s75docs.library.directives import DIRECTIVES, unknown


@dataclass(frozen=True)
class Call:
    name: str
    params: dict[str, str]
    location: Location


Handler = Callable[[Call], list[Block]]


class Directives:
    """The handlers of one kind of document; a call is checked before it runs."""

    def __init__(self, document: str, handlers: Mapping[str, Handler]) -> None:
        wanted = {name for name, spec in DIRECTIVES.items() if document in spec.documents}
        missing = wanted - set(handlers)
        assert not missing and set(handlers) <= wanted, f"handlers for {document}: {missing}"
        self.document = document
        self.handlers = dict(handlers)

    def __call__(self, name: str, params: dict[str, str], loc: Location) -> list[Block]:
        problem = unknown(name, params, self.document)
        if problem is not None:
            raise InputError(problem, loc)
        return self.handlers[name](Call(name, params, loc))


def none_allowed(name: str, params: dict[str, str], loc: Location) -> list[Block]:
    """For text where no directive may stand (a clause-level edit)."""
    raise InputError(f"':: {name}' cannot be used in an edit", loc)
