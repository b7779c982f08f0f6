"""The s75docs command: the console script, and python -m s75docs."""

from __future__ import annotations

import gc


def run() -> None:
    """Run the command line with the cyclic garbage collector off. A command is one short
    process whose objects live to its end; the collector's passes over everything it imports
    (pydantic, python-docx, Jinja) cost about a tenth of a cold build and free next to
    nothing (the peak memory of `build` and `vary` is the same without them)."""
    gc.disable()
    from s75docs.cli import main

    main()


if __name__ == "__main__":
    run()
