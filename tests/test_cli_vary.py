"""`s75docs vary` as a user meets it: three documents, or a clear one-line reason why not."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from click.testing import CliRunner

from s75docs.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fairhaven"
OLD, NEW = EXAMPLE / "scheme.yaml", EXAMPLE / "scheme-v2.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_vary_writes_deed_conformed_copy_and_comparison(tmp_path: Path) -> None:
    code, out, err = run(
        "vary", str(OLD), str(NEW), "-o", str(tmp_path), "--format", "docx", "--format", "md"
    )
    assert all(line.startswith("wrote ") for line in out.splitlines())
    assert code == 0, err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["comparison.docx", "conformed.docx", "conformed.md", "deed.docx", "deed.md"]
    assert re.search(r"\d+ variation\(s\)", err)
    with zipfile.ZipFile(tmp_path / "comparison.docx") as z:
        body = z.read("word/document.xml").decode()
    assert "<w:ins " in body and "<w:del " in body
    assert "Conformed copy" in (tmp_path / "conformed.md").read_text()


def test_identical_versions_need_no_deed(tmp_path: Path) -> None:
    code, out, _ = run("vary", str(OLD), str(OLD), "-o", str(tmp_path / "out"))
    assert code == 0
    assert "nothing to vary" in out
    assert not (tmp_path / "out").exists()


def test_a_new_version_without_a_variation_record_is_refused(tmp_path: Path) -> None:
    text = NEW.read_text(encoding="utf-8")
    cut = text.index("\nvariations:")
    bad = tmp_path / "v2.yaml"
    bad.write_text(text[:cut] + "\nvariations: []\n", encoding="utf-8")
    line = text[:cut].count("\n") + 2
    code, _, err = run("vary", str(OLD), str(bad), "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.splitlines()[0].startswith(f"{bad}:{line}: variations: add one record")
    assert not (tmp_path / "out").exists()


def test_the_agreement_being_varied_must_be_dated(tmp_path: Path) -> None:
    old = tmp_path / "v1.yaml"
    old.write_text(OLD.read_text(encoding="utf-8").replace("  date: 2026-03-27", "  date: null"))
    code, _, err = run("vary", str(old), str(NEW), "-o", str(tmp_path / "out"))
    assert code == 1
    assert re.match(rf"{re.escape(str(old))}:\d+: agreement.date: the agreement being varied", err)
    assert "Traceback" not in err


def test_missing_input_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("vary", str(tmp_path / "nope.yaml"), str(NEW))
    assert code == 2 and "no such file" in err
