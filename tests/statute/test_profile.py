"""The statutory profile: every example meets every requirement that applies to it; taking
away any provision or data field that meets one makes the build refuse, naming it."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from s75docs.errors import ErrorList
from s75docs.library.loader import Library, load_library
from s75docs.library.profile import STEM, requirements
from s75docs.model.loader import load_scheme
from s75docs.model.scheme import SchemeFile
from s75docs.pipeline import build_tree, check_profile, profile, profile_findings
from s75docs.statute import table
from s75docs.transforms.labels import Labels
from tests.helpers import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*/scheme.yaml"))


@functools.cache
def _library() -> Library:
    return load_library([])


@functools.cache
def _example(name: str) -> tuple[SchemeFile, Labels]:
    data = load_scheme(ROOT / "examples" / name / "scheme.yaml")
    doc = build_tree(data, _library(), check_law=False)
    return data, Labels.of(doc)


def _fairhaven() -> tuple[SchemeFile, Labels]:
    return _example("fairhaven")


def _subject_to(rid: str) -> tuple[SchemeFile, Labels]:
    """An example (Fairhaven, else the three-partner Kestrel) to which the requirement applies."""
    from s75docs.statute.profile import conditions

    req = next(r for r in requirements(_library().data[STEM]) if r.id == rid)
    for name in ("fairhaven", "kestrel"):
        data, labels = _example(name)
        if conditions(req, None, data):
            return data, labels
    raise AssertionError(f"no example is subject to {rid}")


def _refusals(data: SchemeFile, labels: Labels) -> list[str]:
    from s75docs.statute.profile import evaluate

    reqs = requirements(_library().data[STEM])
    return [f.explain() for f in evaluate(reqs, data, labels) if f.missing]


@pytest.mark.parametrize("scheme", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_example_meets_every_requirement(scheme: Path) -> None:
    period = scheme.parent / "library"  # a reconstruction's period wording, as it is built
    findings = profile(scheme, [period] if period.is_dir() else None)
    assert findings, "the profile applies to every agreement"
    assert [f.explain() for f in findings if f.missing] == []


def test_the_profile_covers_each_flexibility_and_the_bcf() -> None:
    data, labels = _fairhaven()
    from s75docs.statute.profile import evaluate

    found = evaluate(requirements(_library().data[STEM]), data, labels)
    laws = " ".join(f.law for f in found)
    for provision in ("4(2)", "7(3)(e)", "7(4)", "7(5)", "9(3)(e)", "9(4)", "223GA"):
        assert provision in laws, provision
    data, labels = _example("kestrel")  # an NHS trust exercising a council's functions
    found = evaluate(requirements(_library().data[STEM]), data, labels)
    laws = " ".join(f.law for f in found)
    assert "regulation 8" in laws and "9(2)" in laws


def _profile_labels() -> list[tuple[str, str]]:
    reqs = requirements(_library().data[STEM])
    return sorted({(r.id, label) for r in reqs for label in r.labels})


@pytest.mark.parametrize(("rid", "label"), _profile_labels())
def test_removing_a_provision_refuses_the_build(rid: str, label: str) -> None:
    data, labels = _subject_to(rid)
    kept = Labels({k: v for k, v in labels.items() if k != label and not k.endswith(f".{label}")})
    refused = _refusals(data, kept)
    assert any(f"[{rid}]" in line and f"no provision '{label}'" in line for line in refused), (
        refused
    )


def _profile_fields() -> list[tuple[str, str]]:
    reqs = requirements(_library().data[STEM])
    return sorted({(r.id, name) for r in reqs if r.scope == "scheme" for name in r.fields})


def _emptied(value: object, path: str) -> object:
    """The value with the field at `path` emptied (`functions[].enactment`: the first one's)."""
    head, _, rest = path.partition(".")
    name = head.removesuffix("[]")
    current = getattr(value, name)
    if not rest:
        empty: object = type(current)() if current is not None else None
        return value.model_copy(update={name: empty})  # type: ignore[attr-defined]
    if head.endswith("[]"):
        items = list(current)
        items[0] = _emptied(items[0], rest)
        return value.model_copy(update={name: items})  # type: ignore[attr-defined]
    return value.model_copy(update={name: _emptied(current, rest)})  # type: ignore[attr-defined]


@pytest.mark.parametrize(("rid", "name"), _profile_fields())
def test_removing_a_field_refuses_the_build(rid: str, name: str) -> None:
    data, labels = _fairhaven()
    reqs = {r.id: r for r in requirements(_library().data[STEM])}
    from s75docs.statute.profile import conditions

    refused: list[str] = []
    for n, scheme in enumerate(data.schemes):
        if not conditions(reqs[rid], scheme, data):
            continue
        schemes = list(data.schemes)
        schemes[n] = _emptied(scheme, name)  # type: ignore[call-overload]
        refused = _refusals(data.model_copy(update={"schemes": schemes}), labels)
        break
    else:
        pytest.skip(f"no Fairhaven scheme is subject to {rid}")
    assert any(f"[{rid}]" in line and f"no field '{name}'" in line for line in refused), refused


def test_a_refusal_names_the_file_line_requirement_and_scheme(tmp_path: Path) -> None:
    source = ROOT / "examples" / "fairhaven" / "scheme.yaml"
    data = load_scheme(source)
    library = _library()
    doc = build_tree(data, library, check_law=False)
    bare = data.schemes[0].model_copy(update={"aims": []})
    broken = data.model_copy(update={"schemes": [bare, *data.schemes[1:]]})
    with pytest.raises(ErrorList) as caught:
        check_profile(broken, library, doc, source)
    (first,) = [e for e in caught.value.errors if "aims-and-outcomes" in str(e)]
    text = str(first)
    assert text.startswith(f"{source}:")
    assert "schemes[0]" in text and "scheme 'bcf'" in text and "regulation 7(3)(a)" in text


def test_the_table_lists_requirement_where_and_status() -> None:
    data, _ = _fairhaven()
    findings = profile_findings(data, _library(), build_tree(data, _library()))
    text = table.as_text(findings)
    assert text.splitlines()[0].split() == ["requirement", "where", "met", "status"]
    assert "Recital (F)" in text and "regulation 4(2)" in text
    assert text.rstrip().endswith(f"{len(findings)} met, 0 not met")
    md = table.as_markdown(findings)
    assert md.startswith("| requirement | where met | status |")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"x": {"law": {"sometimes": "reg 1"}}}, "unknown condition 'sometimes'"),
        ({"x": {"law": "reg 1", "scope": "world"}}, "scope is 'agreement' or 'scheme'"),
        ({"x": None}, "cannot be removed"),
        (["x"], "must map requirement ids"),
    ],
)
def test_a_malformed_profile_is_refused(raw: object, message: str) -> None:
    from s75docs.errors import InputError

    with pytest.raises(InputError, match=message):
        requirements(raw, "profile.yaml")


def test_profile_command_prints_the_table_and_fails_when_unmet(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from s75docs.cli import main

    scheme = ROOT / "examples" / "fairhaven" / "scheme.yaml"
    ok = CliRunner().invoke(main, ["profile", str(scheme), "--format", "json"])
    assert ok.exit_code == 0, ok.output
    import json

    rows = json.loads(ok.output)
    assert {r["status"] for r in rows} == {"met"}
    assert any(r["law"].startswith("regulation 4(2)") for r in rows)
    # a council library whose pooled fund clause drops the manager's reports
    source = ROOT / "clause_library" / "clauses" / "0800-pooled-fund-management.md"
    council = tmp_path / "council" / "clauses"
    council.mkdir(parents=True)
    text = source.read_text("utf-8").replace("{#pfm-reports} ", "")
    text = text.replace("[[pfm-reports]]", "the reports the Pooled Fund Manager makes")
    (council / source.name).write_text(text, encoding="utf-8")
    # the council's library is linted before anything is built: both commands stop there,
    # naming the requirement
    for command in (["profile", str(scheme)], ["build", str(scheme), "-o", str(tmp_path / "a.md")]):
        refused = CliRunner().invoke(main, [*command, "--library", str(council.parent)])
        assert refused.exit_code == 1, refused.output
        assert "requirement 'pooled-fund-manager'" in refused.output
        assert "needs the label 'pfm-reports'" in refused.output
    assert not (tmp_path / "a.md").exists()
