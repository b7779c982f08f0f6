"""Build every example output into a folder, with a text dump of each Word file beside it.

    .venv/bin/python tools/snapshot_outputs.py OUT_DIR

Run it before and after a change that should not alter the documents, then compare the two
folders (`diff -r BEFORE AFTER`): the .docx files should be byte-identical, and where they
are not, the .txt dumps show what a reader would see change. The reports cover every kind,
for the agreement and for the Fairhaven variation.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import docx
import yaml

from s75docs.pipeline import build, report, vary

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
FAIRHAVEN = EXAMPLES / "fairhaven"


def _dump(path: Path) -> None:
    """Every paragraph and table cell of a Word file, one per line."""
    word = docx.Document(str(path))
    lines: list[str] = []
    body = word.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter(docx.oxml.ns.qn("w:t"))))
        elif tag == "tbl":
            for row in child.iter(docx.oxml.ns.qn("w:tr")):
                cells = [
                    "".join(t.text or "" for t in tc.iter(docx.oxml.ns.qn("w:t")))
                    for tc in row.iter(docx.oxml.ns.qn("w:tc"))
                ]
                lines.append(" | ".join(cells))
    path.with_suffix(path.suffix + ".txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _meetings(folder: Path) -> dict[str, Path]:
    """The shipped meeting files, and derived ones for the kinds the examples do not ship."""
    out = {
        "cabinet": FAIRHAVEN / "meeting.yaml",
        "icb-board": FAIRHAVEN / "meeting-icb.yaml",
        "variation-cabinet": FAIRHAVEN / "meeting-v2.yaml",
    }
    base = yaml.safe_load((FAIRHAVEN / "meeting.yaml").read_text(encoding="utf-8"))
    executive = dict(base, body="Executive")
    hwb = dict(base, body="Fairhaven Health and Wellbeing Board", date="2026-03-05")
    hwb.pop("lead_member")
    hwb["timetable"] = [*base["timetable"], {"date": "2026-03-11", "event": "Cabinet considers"}]
    icb = yaml.safe_load((FAIRHAVEN / "meeting-icb.yaml").read_text(encoding="utf-8"))
    icb_v2 = dict(icb, date="2027-02-12", decision_deadline="2027-03-10", timetable=[])
    for name, data in (("executive", executive), ("hwb", hwb), ("variation-icb-board", icb_v2)):
        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        out[name] = path
    return out


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        for scheme in sorted(folder.glob("scheme*.yaml")):
            stem = f"{folder.name}-{scheme.stem}"
            own = folder / "library"  # an example's period wording, as the README builds it
            libraries = [own] if own.is_dir() else None
            for fmt in ("docx", "md", "html"):
                build(scheme, out / f"{stem}.{fmt}", libraries=libraries)
            _dump(out / f"{stem}.docx")
    vary(FAIRHAVEN / "scheme.yaml", FAIRHAVEN / "scheme-v2.yaml", out / "vary", ("docx", "md"))
    for name in ("deed.docx", "conformed.docx", "comparison.docx"):
        _dump(out / "vary" / name)
    with tempfile.TemporaryDirectory() as tmp:
        meetings = _meetings(Path(tmp))
        for name, meeting in meetings.items():
            kind = name.removeprefix("variation-")
            varied = name.startswith("variation-")
            scheme = FAIRHAVEN / ("scheme-v2.yaml" if varied else "scheme.yaml")
            target = out / f"report-{name}.docx"
            report(
                scheme,
                meeting,
                kind,
                target,
                variation_from=FAIRHAVEN / "scheme.yaml" if varied else None,
            )
            _dump(target)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
