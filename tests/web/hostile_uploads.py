"""Hostile uploads through a running `s75docs serve`: the checker's hostile Word corpus
(tests/hostile_docx.py), files of the wrong type, and files over the upload limit, each
uploaded over loopback HTTP to the Check page, then the page asked for again.

    python -m tests.web.hostile_uploads [--timeout S] [CASE ...]

prints a table: the HTTP status, the seconds, and a verdict for each upload:

- clean: the page shows a summary line (checked) or an error summary of one-line messages
  (refused), with no traceback, no "internal error" and no canary text, and the server then
  serves the next request;
- internal: an internal error, a traceback, a 5xx, or the canary file's text in the page;
- hang: no answer within the timeout;
- down: the server did not serve the next request.
"""

from __future__ import annotations

import argparse
import http.client
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.hostile_docx import CANARY_TEXT, build_corpus
from tests.web.client import Checked, check_upload, running_server

LIMIT = 2 * 1024 * 1024  # the server's upload limit here: the oversize cases are just over it


def wrong_types() -> dict[str, bytes]:
    """Uploads that are not an agreement the checker reads, named as users name them."""
    return {
        "scan.pdf": b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n",
        "old-word.doc": bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504,
        "agreement.docx.exe": b"MZ\x90\0" + b"\0" * 60,
        "renamed-zip.docx": b"PK\x05\x06" + b"\0" * 18,
        "empty.docx": b"",
        "empty.txt": b"",
        "image.png": bytes.fromhex("89504e470d0a1a0a") + b"\0" * 32,
        "no-suffix": b"AGREEMENT\n\n1. Definitions\n",
        "latin-1.txt": "Agreement between the Council and the ICB \xa3100".encode("latin-1"),
        "utf-16.txt": "AGREEMENT\n\n1. Definitions\n".encode("utf-16"),
        "scheme.yaml": b"agreement:\n  title: x\n",
        "..\\..\\etc\\passwd.txt": b"root:x:0:0\n",
        ("x" * 300) + ".docx": b"PK\x03\x04",
        "binary.md": bytes(range(256)) * 8,
    }


def oversize() -> dict[str, bytes]:
    return {"oversize.docx": b"PK\x03\x04" + b"\0" * LIMIT, "oversize.txt": b"a" * (LIMIT + 1)}


@dataclass(frozen=True)
class Upload:
    name: str
    checked: Checked | None  # None: no answer in time
    serving: bool  # the server answered the next request
    verdict: str


def judge(checked: Checked | None, serving: bool) -> str:
    if checked is None:
        return "hang"
    if not serving:
        return "down"
    page = checked.html
    if (
        checked.status >= 500
        or "internal error" in page
        or "Traceback" in page
        or CANARY_TEXT in page
    ):
        return "internal"
    if checked.status == 200 and checked.summary:
        return "clean"
    if 400 <= checked.status < 500 and checked.messages and not checked.summary:
        return "clean"
    return "internal"


def serving(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/")
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except OSError:
        return False


def upload_all(port: int, files: dict[str, bytes], timeout: float) -> list[Upload]:
    done = []
    for name, data in files.items():
        try:
            checked: Checked | None = check_upload(port, name, data, timeout=timeout)
        except TimeoutError:
            checked = None
        up = serving(port)
        done.append(Upload(name, checked, up, judge(checked, up)))
    return done


def corpus_files(folder: Path, names: list[str] | None = None) -> dict[str, bytes]:
    built = build_corpus(folder, names)
    return {path.name: path.read_bytes() for path in built.values()}


def table(uploads: list[Upload]) -> str:
    rows = [f"{'upload':44} {'status':>6} {'s':>5}  verdict  first line"]
    for u in uploads:
        status = str(u.checked.status) if u.checked else "-"
        seconds = f"{u.checked.seconds:5.1f}" if u.checked else "    -"
        line = (u.checked.summary or " ".join(u.checked.messages[:1])) if u.checked else ""
        rows.append(f"{u.name[:44]:44} {status:>6} {seconds}  {u.verdict:8} {line[:90]}")
    counts = Counter(u.verdict for u in uploads)
    slowest = max((u.checked.seconds for u in uploads if u.checked), default=0.0)
    rows.append(
        f"{len(uploads)} uploads: clean {counts['clean']}, internal {counts['internal']},"
        f" hangs {counts['hang']}, server down {counts['down']}; slowest {slowest:.1f} s"
    )
    return "\n".join(rows)


def run(names: list[str] | None, timeout: float) -> list[Upload]:
    with tempfile.TemporaryDirectory(prefix="s75hostile-web-") as temp:
        files = {**corpus_files(Path(temp), names), **wrong_types(), **oversize()}
        with running_server(max_upload=LIMIT) as server:
            return upload_all(server.port, files, timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    uploads = run(args.cases or None, args.timeout)
    print(table(uploads))
    print(f"in {time.perf_counter() - start:.0f} s")
    return 0 if all(u.verdict == "clean" for u in uploads) else 1


if __name__ == "__main__":
    sys.exit(main())
