"""Where a command writes: `-o` as a user means it. A name ending in '/', an existing folder
or a name without a suffix is a folder (created when needed); a file's suffix must agree
with --format."""

from __future__ import annotations

import os
from pathlib import Path

from s75docs.errors import Location, UsageError


def is_folder(raw: str) -> bool:
    """Whether `-o RAW` names a folder rather than a file."""
    path = Path(raw)
    return raw.endswith(("/", os.sep)) or path.is_dir() or not path.suffix


def targets(
    raw: str | None,
    formats: tuple[str, ...],
    stem: str,
    allowed: tuple[str, ...],
    default: Path = Path("out"),
) -> list[tuple[Path, str]]:
    """(file, format) for each output: into a folder `stem.FORMAT` for each format (docx when
    none is given), or the one file RAW names, whose suffix gives or must match the format."""
    if raw is not None and not raw.strip():
        raise UsageError("-o needs a file or folder name", code="usage")
    if raw is None or is_folder(raw):
        folder = default if raw is None else Path(raw)
        _folder_ok(folder)
        return [(folder / f"{stem}.{fmt}", fmt) for fmt in dict.fromkeys(formats or (allowed[0],))]
    path = Path(raw)
    suffix = path.suffix.lstrip(".").lower()
    if suffix not in allowed:
        raise UsageError(
            f"cannot write '.{suffix}' files: give a name ending in"
            f" {', '.join('.' + f for f in allowed)}, or a folder ending in '/'",
            Location(raw),
            code="usage",
        )
    wanted = list(dict.fromkeys(formats))
    if len(wanted) > 1:
        raise UsageError(
            f"several formats ({', '.join(wanted)}) need a folder: give -o DIR/",
            Location(raw),
            code="usage",
        )
    if wanted and wanted[0] != suffix:
        raise UsageError(
            f"--format {wanted[0]} does not match the suffix '.{suffix}': change one of them",
            Location(raw),
            code="usage",
        )
    _folder_ok(path.parent)
    return [(path, suffix)]


def _folder_ok(folder: Path) -> None:
    """A folder to write into: it exists as a folder, or nothing in its way is a file."""
    for part in (folder, *folder.parents):
        if part.exists():
            if not part.is_dir():
                raise UsageError("is a file, not a folder", Location(str(part)), code="usage")
            return
