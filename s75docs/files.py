"""Output files: written atomically, and Word packages made reproducible (a leaf module)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import secrets
import zipfile
from pathlib import Path

ZIP_DATE = _ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# a clash of 64 random bits beside one target is not expected even once; the bound only
# stops a loop if the file system misreports what exists
_TEMP_ATTEMPTS = 100


def write_atomic(path: Path, data: bytes) -> None:
    """Never leave a half-written file: the target appears whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def create_beside(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside `path` (its parent created), to be renamed onto it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return _create_beside(path)


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file in the target's folder (so the rename cannot cross file
    systems), with the mode any new file gets, 0o666 less the umask: mkstemp's would be
    private to the owner, and reading the umask means setting it."""
    for _ in range(_TEMP_ATTEMPTS - 1):
        with contextlib.suppress(FileExistsError):
            return _create(path)
    return _create(path)  # the last try lets its error through


def _create(path: Path) -> tuple[int, Path]:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.open(tmp, flags, 0o666), tmp


def build_timestamp() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime(2000, 1, 1)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so equal input gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
