"""Write an edited copy of a Word package without holding its other parts in memory.

The parts the annotator changed are given as bytes; every other part is streamed from the
source package into the output, a megabyte at a time, never past its declared size (a
150 MB image costs a buffer, not four copies). Entries keep the source's order, names
normalised inside the package, and each unchanged part its own date and compression; the
parts written carry a fixed date, so equal input gives equal bytes, and the file appears
whole or not at all.
"""

from __future__ import annotations

import contextlib
import os
import zipfile
from pathlib import Path

from s75docs.check.safe_zip import Package, part_name
from s75docs.errors import Location, UsageError
from s75docs.files import ZIP_DATE, create_beside

_CHUNK = 1024 * 1024


def _entry(name: str, size: int, kept: zipfile.ZipInfo | None = None) -> zipfile.ZipInfo:
    """A regular file entry: a kept part with its own date and compression, a written one
    with the fixed date."""
    entry = zipfile.ZipInfo(name, date_time=kept.date_time if kept else ZIP_DATE)
    stored = kept is not None and kept.compress_type == zipfile.ZIP_STORED
    entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    entry.file_size = size
    return entry


def write_package(package: Package, target: Path, changed: dict[str, bytes]) -> None:
    """Write `target`: every part of the package in its zip order under its normalised name
    (a member whose name would leave the package is left out), `changed` in place of those
    they name, then the new ones. Parts not changed keep their bytes, date and compression:
    the XML ones as read, the others streamed from the source."""
    source = package.path
    fd, tmp = create_beside(target)
    try:
        with (
            os.fdopen(fd, "wb") as handle,
            zipfile.ZipFile(source) as zipped,
            zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as out,
        ):
            written: set[str] = set()
            for info in zipped.infolist():
                name = None if info.is_dir() else part_name(info.filename)
                if name is None or name in written:
                    continue
                written.add(name)
                if name in changed:
                    out.writestr(_entry(name, len(changed[name])), changed[name])
                elif name in package.parts:
                    data = package.parts[name]
                    out.writestr(_entry(name, len(data), info), data)
                else:
                    _copy(source, zipped, info, name, out)
            for name, data in changed.items():
                if name not in written:
                    out.writestr(_entry(name, len(data)), data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _copy(
    source: Path, package: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, out: zipfile.ZipFile
) -> None:
    """Stream one part across, refusing it if it grows past its declared size."""
    copied = 0
    with package.open(info) as part, out.open(_entry(name, info.file_size, info), "w") as dest:
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
