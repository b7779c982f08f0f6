"""Clause-level edits by label: changes a variation makes that are not scheme data."""

from __future__ import annotations

from pydantic import Field, model_validator

from s75docs.model.scheme import StrictModel

ACTIONS = ("replace", "insert_after", "append_to", "delete")


class Edit(StrictModel):
    """One edit: exactly one of replace, insert_after, append_to or delete, naming a label."""

    replace: str | None = Field(default=None, description="replace this provision's text")
    insert_after: str | None = Field(default=None, description="a new provision after this one")
    append_to: str | None = Field(default=None, description="a new last sub-provision of this")
    delete: str | None = Field(default=None, description="delete this provision")
    label: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9.-]*$",
        description="a label for the new provision, so others can cite it",
    )
    text: str = Field(
        default="",
        description="the provision in the library's markup: *Term*, [[label]], nested '- ' items",
    )

    @model_validator(mode="after")
    def _one_action(self) -> Edit:
        chosen = [a for a in ACTIONS if getattr(self, a) is not None]
        if len(chosen) != 1:
            raise ValueError(f"give exactly one of {', '.join(ACTIONS)} (got {len(chosen)})")
        if chosen[0] != "delete" and not self.text.strip():
            raise ValueError(f"{chosen[0]} needs the new text")
        if chosen[0] == "delete" and self.text.strip():
            raise ValueError("delete takes no text")
        return self

    @property
    def action(self) -> str:
        return next(a for a in ACTIONS if getattr(self, a) is not None)

    @property
    def target(self) -> str:
        value = getattr(self, self.action)
        assert isinstance(value, str)
        return value


class EditsFile(StrictModel):
    edits: list[Edit] = Field(min_length=1)
