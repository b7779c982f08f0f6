"""The default library folders are found in the package, or beside it in a checkout."""

from __future__ import annotations

import os

import pytest

from s75docs.errors import UsageError
from s75docs.library.loader import default_dirs, shipped_folder
from tests.helpers import ROOT


def test_a_checkout_uses_its_own_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("S75DOCS_LIBRARY", raising=False)
    found = [p.resolve() for p in default_dirs()]
    assert found == [ROOT / "clause_library", ROOT / "schedule_templates", ROOT / "report_library"]


def test_a_folder_that_is_not_shipped_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'report_wording' is not installed"):
        shipped_folder("report_wording")


def test_the_environment_replaces_the_default_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("S75DOCS_LIBRARY", f"/a{os.pathsep}/b")
    assert [str(p) for p in default_dirs()] == ["/a", "/b"]
