"""The reports s75docs writes state money and percentages in tables: the checker's share
rule (check/rules/shares.py) finds nothing in them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from s75docs.check.run import check_document


def test_no_share_findings_on_the_built_reports(built_reports: dict[str, Path]) -> None:
    for name, path in built_reports.items():
        found = check_document(path, dt.date(2026, 4, 1)).findings
        assert [f for f in found if f.code.startswith("money")] == [], name
