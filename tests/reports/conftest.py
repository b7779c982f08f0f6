"""Reports built once per session from the Fairhaven example, and LibreOffice's reading of them."""

from __future__ import annotations

import json
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.shared import Cm, Pt

from s75docs.ooxml import W_NS
from s75docs.pipeline import report
from tests.conftest import LibreOffice

REPO = Path(__file__).resolve().parents[2]
FAIRHAVEN = REPO / "examples" / "fairhaven"
SCHEME = FAIRHAVEN / "scheme.yaml"
SCHEME_V2 = FAIRHAVEN / "scheme-v2.yaml"
READER = Path(__file__).with_name("lo_read.py")


@dataclass(frozen=True)
class Case:
    """One report: how it is built."""

    name: str
    kind: str
    scheme: Path
    meeting: str  # a file in examples/fairhaven, or a derived one (see _meetings)
    old: Path | None = None
    house: bool = False  # filled into the test's own house-style template


CASES = {
    c.name: c
    for c in [
        Case("cabinet", "cabinet", SCHEME, "meeting.yaml"),
        Case("executive", "executive", SCHEME, "executive"),
        Case("hwb", "hwb", SCHEME, "hwb"),
        Case("icb-board", "icb-board", SCHEME, "meeting-icb.yaml"),
        Case("variation", "cabinet", SCHEME_V2, "meeting-v2.yaml", old=SCHEME),
        Case("variation-icb", "icb-board", SCHEME_V2, "icb-v2", old=SCHEME),
        Case("house", "cabinet", SCHEME, "meeting.yaml", house=True),
    ]
}


def _derived(name: str, folder: Path) -> Path:
    """Meeting files for the kinds the examples do not ship, made from the shipped ones."""
    if name in ("executive", "hwb"):
        data = yaml.safe_load((FAIRHAVEN / "meeting.yaml").read_text(encoding="utf-8"))
        if name == "executive":
            data["body"] = "Executive"
        else:
            data["body"] = "Fairhaven Health and Wellbeing Board"
            data.pop("lead_member")
            data["timetable"].append(
                {"date": "2026-03-11", "event": "Cabinet considers the agreement"}
            )
            data["date"] = "2026-03-05"
    else:  # icb-v2: the ICB Board's report on the variation
        data = yaml.safe_load((FAIRHAVEN / "meeting-icb.yaml").read_text(encoding="utf-8"))
        data["date"] = "2027-02-12"
        data["decision_deadline"] = "2027-03-10"
        data["timetable"] = []
        data["previous_decisions"] = [
            {
                "body": "the ICB Board",
                "date": "2026-03-12",
                "decision": "approved the ICB entering into the agreement",
            }
        ]
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def meeting_path(case: Case, folder: Path) -> Path:
    if case.meeting.endswith(".yaml"):
        return FAIRHAVEN / case.meeting
    return _derived(case.meeting, folder)


# ------------------------------------------------------------ a council's house template


def _png(width: int = 40, height: int = 16) -> bytes:
    """A small solid PNG: the logo placeholder of the house template."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\x1f\x3a\x5f" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


HOUSE_HEADER = "NORTHSHIRE COUNCIL | OFFICIAL"


def house_template(path: Path) -> Path:
    """Another council's template: its own styles, header with a logo, its own layout."""
    doc: Any = docx.Document()
    styles = doc.styles
    for name, size, bold in (
        ("Northshire Title", 20, True),
        ("Northshire Heading", 14, True),
        ("Northshire Body", 11, False),
        ("Northshire Cell", 9, False),
    ):
        style = styles.add_style(name, 1)
        style.font.name = "Georgia"
        style.font.size = Pt(size)
        style.font.bold = bold
    header = doc.sections[0].header.paragraphs[0]
    header.add_run().add_picture(_stream(_png()), width=Cm(2.0))
    header.add_run("  " + HOUSE_HEADER)
    doc.sections[0].footer.paragraphs[0].text = "{{ organisation }}: {{ meeting.body }}"
    body = doc.element.body
    for p in body.findall(f"{{{W_NS}}}p"):
        body.remove(p)

    def para(text: str, style: str = "Northshire Body") -> None:
        doc.add_paragraph(text, style=style)

    para("{{ title }}", "Northshire Title")
    para("Meeting: {{ meeting.body }}, {{ meeting.date }}. Lead member: {{ meeting.lead_member }}")
    para("{%p for sec in sections %}")
    para("{{ sec.heading }}", "Northshire Heading")
    para("{%p for b in sec.blocks %}")
    para("{%p if b.kind == 'table' %}")
    para("{{ b.table.caption }}")
    table = doc.add_table(rows=3, cols=3)
    cells = [
        ["{%tc for h in b.table.header %}", "{{ h.text }}", "{%tc endfor %}"],
        ["{%tr for r in b.table.rows %}", "", ""],
        ["{%tc for c in r.cells %}", "{{ c.text }}", "{%tc endfor %}"],
    ]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            table.cell(r, c).paragraphs[0].text = text
            table.cell(r, c).paragraphs[0].style = styles["Northshire Cell"]
    end = doc.add_table(rows=1, cols=1)
    end.cell(0, 0).paragraphs[0].text = "{%tr endfor %}"
    # move the endfor row into the first table (python-docx adds rows at the end only)
    table._tbl.append(end._tbl.findall(f"{{{_W}}}tr")[0])
    end._tbl.getparent().remove(end._tbl)
    para("{%p else %}")
    para("{{ b.text }}")
    para("{%p for pt in b.points %}")
    para("{{ pt.label }} {{ pt.text }}")
    para("{%p for sp in pt.sub %}")
    para("{{ sp.label }} {{ sp.text }}")
    para("{%p endfor %}")
    para("{%p endfor %}")
    para("{%p endif %}")
    para("{%p endfor %}")
    para("{%p endfor %}")
    doc.save(str(path))
    return path


_W = W_NS


def _stream(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


# ------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every case written as .docx through the pipeline (as `s75docs report` does)."""
    folder = tmp_path_factory.mktemp("reports")
    out: dict[str, Path] = {}
    for case in CASES.values():
        template = house_template(folder / "house.docx") if case.house else None
        out[case.name] = report(
            case.scheme,
            meeting_path(case, folder),
            case.kind,
            folder / f"{case.name}.docx",
            case.old,
            template,
        )
    return out


@pytest.fixture(scope="session")
def lo_reports(
    built_reports: dict[str, Path],
    libreoffice: LibreOffice,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, dict[str, Any]]:
    """LibreOffice's reading of every report: blocks (paragraphs, tables), headers, graphics."""
    out = tmp_path_factory.mktemp("lo-reports") / "read.json"
    paths = [str(p) for p in built_reports.values()]
    done = subprocess.run(
        [str(libreoffice.python), str(READER), str(out), *paths],
        capture_output=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        pytest.fail(f"lo_read.py failed: {done.stderr.decode('utf-8', 'replace')}", pytrace=False)
    raw: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    by_path = {str(Path(k).resolve()): v for k, v in raw.items()}
    return {name: by_path[str(p.resolve())] for name, p in built_reports.items()}


def context_lines(context: dict[str, Any]) -> list[str]:
    """Every line of a report's template context as read: each paragraph, point and
    sub-point, and each table row with its cells joined by " | "."""
    out: list[str] = []
    for sec in context["sections"]:
        for block in sec["blocks"]:
            out.append(block["text"])
            for p in block["points"]:
                out += [p["text"], *(s["text"] for s in p["sub"])]
            if block["table"]:
                out += [" | ".join(c["text"] for c in r["cells"]) for r in block["table"]["rows"]]
    return out
