"""Hostile uploads through a running server (tests/web/hostile_uploads.py): every file of the
checker's hostile Word corpus, files of the wrong type and files over the limit each give a
summary or one-line messages, never an internal error, and the server serves on."""

from __future__ import annotations

import html

import pytest

from tests.hostile_docx import CASES
from tests.web.hostile_uploads import Upload, oversize, run, wrong_types

NAMES = [f"{name}.docx" for name in CASES] + list(wrong_types()) + list(oversize())


@pytest.fixture(scope="module")
def uploads() -> dict[str, Upload]:
    return {u.name: u for u in run(None, timeout=120)}


def test_every_upload_was_made(uploads: dict[str, Upload]) -> None:
    assert sorted(uploads) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_a_hostile_upload_ends_cleanly_and_the_server_serves_on(
    uploads: dict[str, Upload], name: str
) -> None:
    upload = uploads[name]
    assert upload.verdict == "clean", (upload.verdict, upload.checked)
    assert upload.checked is not None
    for message in upload.checked.messages:
        assert "\n" not in message and "/tmp" not in message and "s75docs-serve-" not in message


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("scan.pdf", "scan.pdf: PDF: extract its text first"),
        ("old-word.doc", "old-word.doc: old Word .doc format: save it as .docx first"),
        ("image.png", "image.png: cannot read '.png' files"),
        ("empty.docx", "empty.docx: the file is empty"),
        ("oversize.docx", "too large to upload (the limit is 2 MB)"),
        ("..\\..\\etc\\passwd.txt", ""),  # checked as passwd.txt, never as a path
    ],
)
def test_wrong_types_say_what_to_do(uploads: dict[str, Upload], name: str, start: str) -> None:
    checked = uploads[name].checked
    assert checked is not None
    if start:
        assert checked.messages and html.unescape(checked.messages[0]).startswith(start)
    else:
        assert checked.status == 200 and "etc" not in checked.summary
