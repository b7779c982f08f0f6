"""Write an edited copy of a Word package without holding its other parts in memory.

The parts the annotator changed are given as bytes; every other part is streamed from the
source package into the output, a megabyte at a time, never past its declared size (a
150 MB image costs a buffer, not four copies). Entries keep the source's order, with fixed
timestamps and modes, so equal input gives equal bytes (as files.normalise_zip makes them),
and the file appears whole or not at all.
"""

from __future__ import annotations

import contextlib
import os
import zipfile
from pathlib import Path

from s75docs.errors import Location, UsageError
from s75docs.files import ZIP_DATE, create_beside

_CHUNK = 1024 * 1024


def _entry(name: str, size: int) -> zipfile.ZipInfo:
    fixed = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    fixed.compress_type = zipfile.ZIP_DEFLATED
    fixed.external_attr = 0o644 << 16
    fixed.file_size = size
    return fixed


def write_package(source: Path, target: Path, parts: dict[str, bytes]) -> None:
    """Write `target`: every part of `source` in its order (the first of two with one name),
    `parts` in place of those they name, then the `parts` that are new."""
    fd, tmp = create_beside(target)
    try:
        with (
            os.fdopen(fd, "wb") as handle,
            zipfile.ZipFile(source) as package,
            zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as out,
        ):
            written: set[str] = set()
            for info in package.infolist():
                name = info.filename
                if info.is_dir() or name in written:
                    continue
                written.add(name)
                if name in parts:
                    out.writestr(_entry(name, len(parts[name])), parts[name])
                else:
                    _copy(source, package, info, out)
            for name, data in parts.items():
                if name not in written:
                    out.writestr(_entry(name, len(data)), data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _copy(
    source: Path, package: zipfile.ZipFile, info: zipfile.ZipInfo, out: zipfile.ZipFile
) -> None:
    """Stream one part across, refusing it if it grows past its declared size."""
    copied = 0
    with package.open(info) as part, out.open(_entry(info.filename, info.file_size), "w") as dest:
        while chunk := part.read(_CHUNK):
            copied += len(chunk)
            if copied > info.file_size:
                raise UsageError(
                    f"refused: part '{info.filename}' is larger than its declared size"
                    " (a corrupt or malicious package)",
                    Location(str(source)),
                    code="file-refused",
                )
            dest.write(chunk)
