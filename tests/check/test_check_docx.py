"""s75docs check on Word files: clean on what s75docs writes; stale fields and lost bookmarks."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from s75docs.check.run import check_document
from s75docs.cli import main
from s75docs.model.loader import load_scheme
from s75docs.pipeline import build_tree, render_bytes
from tests.helpers import ROOT, example_library

EXAMPLES = sorted((ROOT / "examples").glob("*/scheme.yaml"))
_CACHE: dict[Path, bytes] = {}


def built_docx(scheme: Path) -> bytes:
    if scheme not in _CACHE:
        doc = build_tree(load_scheme(scheme), example_library(scheme))
        _CACHE[scheme] = render_bytes(doc, "docx")
    return _CACHE[scheme]


def rewrite(data: bytes, edit: object) -> bytes:
    """Apply a text edit to word/document.xml, keeping every other part."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/document.xml":
                body = edit(body.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            target.writestr(info, body)
    return out.getvalue()


@pytest.mark.parametrize("scheme", EXAMPLES, ids=lambda p: p.parent.name)
def test_built_word_files_check_clean(tmp_path: Path, scheme: Path) -> None:
    path = tmp_path / "agreement.docx"
    path.write_bytes(built_docx(scheme))
    data = load_scheme(scheme)
    result = check_document(path, data.agreement.date or data.agreement.commencement)
    assert [f"{f.paragraph}: {f.code}: {f.message}" for f in result.findings] == []


FAIRHAVEN = ROOT / "examples" / "fairhaven" / "scheme.yaml"
_REF = re.compile(
    r'(<w:instrText xml:space="preserve"> REF (_Ref\d+) \\w \\h </w:instrText></w:r>'
    r'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">)'
    r"([^<]+)(</w:t>)"
)


def test_a_stale_field_cache_is_found_with_the_current_number(tmp_path: Path) -> None:
    first: list[str] = []

    def edit(xml: str) -> str:
        def once(m: re.Match[str]) -> str:
            if first:
                return m.group(0)
            first.append(m.group(3))
            return f"{m.group(1)}99.9{m.group(4)}"

        return _REF.sub(once, xml)

    path = tmp_path / "stale.docx"
    path.write_bytes(rewrite(built_docx(FAIRHAVEN), edit))
    findings = check_document(path, dt.date(2026, 4, 1)).findings
    stale = [f for f in findings if f.code == "xref-field-stale"]
    assert [(f.text, f.suggestion) for f in stale] == [
        ("99.9", f"update fields (F9) to show {first[0]}")
    ]
    (paragraph,) = [f.paragraph for f in stale]
    assert paragraph is not None
    assert "99.9" in docx.Document(str(path)).paragraphs[paragraph - 1].text


def test_a_deleted_bookmark_makes_its_fields_dangle(tmp_path: Path) -> None:
    target: list[str] = []

    def edit(xml: str) -> str:
        name = _REF.search(xml)
        assert name
        target.append(name.group(2))
        return re.sub(rf'<w:bookmarkStart w:id="(\d+)" w:name="{name.group(2)}"/>', "", xml)

    path = tmp_path / "lost.docx"
    path.write_bytes(rewrite(built_docx(FAIRHAVEN), edit))
    findings = check_document(path, dt.date(2026, 4, 1)).findings
    dangling = [f for f in findings if f.code == "xref-dangling"]
    assert dangling
    for f in dangling:  # in a reader's words: the provision is gone, not Word's bookmark name
        assert f.message == (
            f"a cross-reference to {f.text.strip()!r} whose provision is no longer in the"
            " document (Word's bookmark for it is gone): was it deleted?"
        )
        assert f.suggestion.startswith("if that provision was deleted, remove or reword")
        assert target[0] not in f.message


def test_a_broken_reference_word_shows_as_an_error_is_one_finding(tmp_path: Path) -> None:
    """Word's "Error! Reference source not found." in a REF field to a deleted bookmark:
    one finding for the field, not a second for its text."""
    fields: list[str] = []

    def edit(xml: str) -> str:
        name = _REF.search(xml)
        assert name
        fields.extend(m.group(0) for m in _REF.finditer(xml) if m.group(2) == name.group(2))
        xml = re.sub(rf'<w:bookmarkStart w:id="(\d+)" w:name="{name.group(2)}"/>', "", xml)
        broken = "Error! Reference source not found."
        return _REF.sub(
            lambda m: (
                f"{m.group(1)}{broken}{m.group(4)}" if m.group(2) == name.group(2) else m.group(0)
            ),
            xml,
        )

    path = tmp_path / "broken.docx"
    path.write_bytes(rewrite(built_docx(FAIRHAVEN), edit))
    findings = check_document(path, dt.date(2026, 4, 1)).findings
    dangling = [f for f in findings if f.code == "xref-dangling"]
    assert len(dangling) == len(fields) > 0
    assert all(f.text.startswith("Error! Reference source not found") for f in dangling)


def test_json_gives_docx_paragraph_indices(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(
        rewrite(
            built_docx(FAIRHAVEN), lambda x: x.replace("Business Days", "[INSERT] Business Days", 1)
        )
    )
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["code"] == "placeholder" and "line" not in finding
    text = docx.Document(str(path)).paragraphs[finding["paragraph"] - 1].text
    assert "[INSERT]" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"not a zip at all", "not a Word document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected"),
    ],
)
def test_unreadable_word_files_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_format_docx_writes_a_comment_at_each_finding(tmp_path: Path) -> None:
    source = tmp_path / "a.docx"
    source.write_bytes(
        rewrite(
            built_docx(FAIRHAVEN),
            lambda x: x.replace("Business Days", "[INSERT] Business Days", 1),
        )
    )
    target = tmp_path / "reviewed.docx"
    result = CliRunner().invoke(main, ["check", str(source), "--format", "docx", "-o", str(target)])
    assert result.exit_code == 1, result.stderr
    with zipfile.ZipFile(target) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert "placeholder" in comments and "[INSERT]" in comments
    before = [p.text for p in docx.Document(str(source)).paragraphs]
    after = [p.text for p in docx.Document(str(target)).paragraphs]
    assert before == after  # the agreement itself is untouched
    refused = CliRunner().invoke(main, ["check", str(source), "--format", "docx"])
    assert refused.exit_code == 2 and "-o OUT.docx" in refused.stderr


def test_a_changed_figure_in_a_word_table_breaks_its_total(tmp_path: Path) -> None:
    from tests.check.test_check_text import built_markdown

    row = next(
        line
        for line in built_markdown(FAIRHAVEN).splitlines()
        if line.startswith("| Council | Disabled")
    )
    amount = re.findall(r"£[\d,]+\.\d\d", row)[0]
    path = tmp_path / "changed.docx"
    path.write_bytes(
        rewrite(built_docx(FAIRHAVEN), lambda x: x.replace(amount, "£1,000,000.00", 1))
    )
    findings = [f for f in check_document(path, dt.date(2026, 4, 1)).findings]
    assert [f.code for f in findings] == ["money-total"]
    assert findings[0].paragraph is None  # a table cell: no index in Document.paragraphs
    assert "is not the sum of the figures above it" in findings[0].message
