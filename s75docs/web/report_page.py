"""The Report page: the scheme (the one being drafted, or uploaded), the kind of report, the
meeting details as a form (or a meeting file filling it), an optional house template; the
Board report written by `pipeline.report` as a job, with the meeting file as a second
download. The meeting is validated in the request first, as `s75docs validate SCHEME
MEETING --kind K` does, so its mistakes are shown beside their inputs on this page.

What a session has uploaded and typed is held in memory (not on disk) while the form goes
back and forth ("add another", a mistake to put right), so no file is chosen twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from s75docs.errors import ErrorList, S75Error
from s75docs.model.meeting import ReportKind
from s75docs.web import meeting_form
from s75docs.web.common import form_token, held_for, state, upload_name, without_folder, workspace
from s75docs.web.jobs import Progress
from s75docs.web.results import Download, Stored

page = Blueprint("report", __name__)

KINDS = {
    "cabinet": (
        "Cabinet",
        "A council with a leader and cabinet executive (Local Government Act 2000): the"
        " Cabinet, or the Leader, decides.",
    ),
    "executive": (
        "Executive",
        "A council with a mayor and cabinet executive (an elected mayor, Local Government Act"
        " 2000): the Mayor, or the cabinet, decides.",
    ),
    "hwb": (
        "Health and Wellbeing Board",
        "The area's board (a committee of the council): it endorses the agreement and"
        " recommends it to the partners, who decide. No key decision, lead member or"
        " officers to complete it.",
    ),
    "icb-board": ("ICB Board", "The Integrated Care Board's board (an NHS body)."),
}
assert set(KINDS) == {k.value for k in ReportKind}
SUFFIXES = {
    "scheme": (".yaml", ".yml"),
    "others": (".yaml", ".yml", ".md", ".txt", ".docx"),
    "variation_from": (".yaml", ".yml"),
    "template": (".docx",),
    "meeting": (".yaml", ".yml"),
}
WHAT = {
    "scheme": "scheme",
    "others": "other files",
    "variation_from": "agreement as it stands",
    "template": "house template",
    "meeting": "meeting file",
}
CONTROLS = {"token", "action", "kind", "source", "keep"}


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass
class Held:
    """What one session has given the form so far."""

    files: dict[str, list[Upload]] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=meeting_form.defaults)
    counts: dict[str, int] = field(default_factory=dict)
    kind: str = ""
    source: str = ""
    meeting_name: str = "meeting.yaml"  # the meeting file's name, as downloaded
    loaded: str = ""  # the meeting file that last filled the form


@dataclass(frozen=True)
class Problem:
    target: str  # the id of the input it is about ("" for the page as a whole)
    text: str  # the CLI's one line


def _held() -> Held:
    return held_for("report", Held)


def _upload(item: FileStorage, role: str) -> Upload:
    name = upload_name(item.filename or "", role.replace("_", "-"))
    if PurePosixPath(name).suffix not in SUFFIXES[role]:
        raise _Refused(
            role, f"{name}: the {WHAT[role]} must be a {' or '.join(SUFFIXES[role])} file"
        )
    return Upload(name, item.read())


class _Refused(Exception):
    def __init__(self, role: str, text: str) -> None:
        super().__init__(text)
        self.problem = Problem(role, text)


def _take_files(held: Held) -> list[Problem]:
    """The request's uploads into `held`: a new file replaces the one held; an optional file
    held but no longer ticked is let go."""
    problems: list[Problem] = []
    kept = set(request.form.getlist("keep"))  # "others:notes.yaml": a file held, still ticked
    for role in ("others", "variation_from", "template"):
        still = [u for u in held.files.get(role, []) if f"{role}:{u.name}" in kept]
        if still:
            held.files[role] = still
        else:
            held.files.pop(role, None)
    for role in ("scheme", "others", "variation_from", "template"):
        chosen = [f for f in request.files.getlist(role) if f.filename]
        try:
            uploads = [_upload(f, role) for f in chosen]
        except _Refused as exc:
            problems.append(exc.problem)
            continue
        if uploads:
            held.files[role] = uploads
    return problems


def _form_values() -> tuple[dict[str, str], dict[str, int]]:
    values, counts = {}, {}
    for key in request.form:
        if key.startswith("count."):
            number = request.form[key]
            shown = int(number) if number.isdigit() and len(number) < 4 else 1
            counts[key[len("count.") :]] = min(shown, meeting_form.MAX_ENTRIES)
        elif key not in CONTROLS:
            values[key] = request.form[key]
    return values, counts


def _load_meeting(held: Held, item: FileStorage) -> list[Problem]:
    """The meeting file read into the form; its mistakes (as the CLI reads the file) shown."""
    from s75docs.model.loader import read_yaml
    from s75docs.model.meeting import load_meeting

    upload = _upload(item, "meeting")
    with workspace() as folder:
        path = folder / upload.name
        path.write_bytes(upload.data)
        try:
            data, _ = read_yaml(path)
        except S75Error as exc:
            return [Problem("meeting", str(without_folder(exc, folder)))]
        if not isinstance(data, dict):
            return [Problem("meeting", f"{upload.name}:1: a meeting file must be a YAML mapping")]
        held.values = {**meeting_form.defaults(), **meeting_form.flatten(data)}
        held.counts = meeting_form.counts_of(held.values)
        held.meeting_name = held.loaded = upload.name
        try:
            load_meeting(path)
        except S75Error as exc:
            return [Problem("meeting", str(e)) for e in _errors(without_folder(exc, folder))]
    return []


def _errors(exc: S75Error) -> list[S75Error]:
    return list(exc.errors) if isinstance(exc, ErrorList) else [exc]


@dataclass(frozen=True)
class Inputs:
    """Everything the report is made from, as bytes, for the request and then the job."""

    scheme: Upload
    others: list[Upload]
    variation_from: Upload | None
    template: Upload | None
    meeting: Upload
    kind: str

    def write(self, folder: Path) -> dict[str, Path]:
        """The files in `folder` as a user keeps them: the scheme beside the files it names
        (and beside the agreement as it stands, unless that has the scheme's own name)."""
        paths: dict[str, Path] = {}
        here = folder / "scheme"
        for sub in ("scheme", "before", "meeting", "template", "out"):
            (folder / sub).mkdir()
        for item in self.others:
            (here / item.name).write_bytes(item.data)
        if self.variation_from is not None:
            name = self.variation_from.name
            place = folder / "before" if name == self.scheme.name else here
            paths["variation_from"] = place / name
            paths["variation_from"].write_bytes(self.variation_from.data)
        paths["scheme"] = here / self.scheme.name
        paths["scheme"].write_bytes(self.scheme.data)
        paths["meeting"] = folder / "meeting" / self.meeting.name
        paths["meeting"].write_bytes(self.meeting.data)
        if self.template is not None:
            paths["template"] = folder / "template" / self.template.name
            paths["template"].write_bytes(self.template.data)
        return paths


def _one(held: Held, role: str) -> Upload | None:
    items = held.files.get(role) or []
    return items[0] if items else None


def _scheme(held: Held) -> Upload | None:
    draft = state().drafts.get(form_token())
    if draft is not None and held.source != "upload":
        return Upload(draft.name, draft.text.encode("utf-8"))
    return _one(held, "scheme")


def _check(held: Held, nodes: list[meeting_form.Node]) -> tuple[Inputs | None, list[Problem]]:
    """The inputs, validated as `s75docs validate SCHEME MEETING --kind K` does."""
    from s75docs.validate import validate

    problems: list[Problem] = []
    scheme = _scheme(held)
    if scheme is None:
        problems.append(Problem("scheme", "choose a .yaml or .yml file for the scheme"))
    if held.kind not in KINDS:
        problems.append(Problem("kind-cabinet", "choose the kind of report"))
    text = meeting_form.to_yaml(meeting_form.data_of(held.values, held.counts))
    meeting = Upload(held.meeting_name, text.encode("utf-8"))
    if scheme is None:
        return None, problems
    inputs = Inputs(
        scheme,
        held.files.get("others", []),
        _one(held, "variation_from"),
        _one(held, "template"),
        meeting,
        held.kind,
    )
    kind = held.kind if held.kind in KINDS else None
    with state().lock, workspace() as folder:
        paths = inputs.write(folder)
        found = validate(paths["scheme"], [paths["meeting"]], kind, state().libraries)
        others = []
        for error in found:
            if error.location.file == str(paths["meeting"]) and error.location.field:
                where = meeting_form.place(nodes, error.location.field)
                named = (  # the label the user sees; the field path where no input holds it
                    error.location.field
                    if where is None
                    else meeting_form.label_of_node(nodes, where)
                )
                text = f"{named}: {error.message}"
                problems.append(Problem(where.first_id if where else "", text))
                if where is not None and not where.error:
                    where.error = error.message
            else:
                others.append(error)
        if others:
            for error in _errors(without_folder(ErrorList(others), folder)):
                problems.append(Problem("", str(error)))
    return (None if problems else inputs), problems


def _work(inputs: Inputs, owner: str) -> Callable[[Progress], Stored]:
    def work(progress: Progress) -> Stored:
        from s75docs.pipeline import report

        with workspace() as folder:
            progress("Reading the scheme and the meeting details")
            paths = inputs.write(folder)
            progress("Building the agreement and writing the report")
            target = report(
                paths["scheme"],
                paths["meeting"],
                inputs.kind,
                folder / "out",
                paths.get("variation_from"),
                paths.get("template"),
                state_libraries,
            )
            progress("Keeping the report for download")
            files = {
                "docx": Download(target.name, target.read_bytes()),
                "yaml": Download(inputs.meeting.name, inputs.meeting.data),
            }
        return Stored(owner, inputs.scheme.name, files)

    state_libraries = list(state().libraries)
    return work


EXECUTIVE_ONLY = {"key_decision", "lead_member"}  # required for cabinet and executive reports


def _render(held: Held, problems: list[Problem], nodes: list[Any] | None = None) -> str:
    draft = state().drafts.get(form_token())
    shown = nodes if nodes is not None else meeting_form.build(held.values, held.counts)
    if held.kind in ("cabinet", "executive"):
        for node in shown:
            if node.path in EXECUTIVE_ONLY:
                node.optional = False
    context = {
        "nodes": shown,
        "kinds": KINDS,
        "held": held,
        "draft": draft.name if draft is not None else None,
        "use_draft": draft is not None and held.source != "upload",
        "problems": problems,
        "beside": {p.target: p.text for p in reversed(problems) if p.target},
    }
    return render_template("report.html", form=context, error=None)


@page.get("/report")
def index() -> str:
    return _render(_held(), [])


@page.post("/report")
def write() -> tuple[str, int] | Response:
    held = _held()
    action = request.form.get("action", "write")
    held.values, held.counts = _form_values()
    held.kind = request.form.get("kind", "")
    held.source = request.form.get("source", "")
    problems = _take_files(held)
    if any(f.filename for f in request.files.getlist("scheme")):
        held.source = "upload"  # a scheme file just chosen is the one meant
    meeting = request.files.get("meeting")
    if meeting is not None and meeting.filename:
        try:
            problems += _load_meeting(held, meeting)
        except _Refused as exc:
            problems.append(exc.problem)
        if action == "write":
            action = "load"  # the file fills the form, to be read over before writing
    elif action == "load":
        problems.append(Problem("meeting", "choose a .yaml meeting file to fill the form from"))
    if action.startswith("add:"):
        path = action[len("add:") :]
        shown = meeting_form.build(held.values, held.counts)
        group = next((n for n in meeting_form.walk(shown) if n.path == path), None)
        if isinstance(group, meeting_form.Group) and group.repeat:
            held.counts[path] = len(group.children) + 1
            nodes = meeting_form.build(held.values, held.counts)
            new = f"{path}[{held.counts[path] - 1}]"
            for node in meeting_form.walk(nodes):
                if isinstance(node, meeting_form.Input) and node.path.startswith(new + "."):
                    node.autofocus = True
                    break
            return _render(held, problems, nodes), 200
    if action != "write" or problems:
        return _render(held, problems), 400 if problems else 200
    nodes = meeting_form.build(held.values, held.counts)
    inputs, problems = _check(held, nodes)
    if inputs is None:
        return _render(held, problems, nodes), 400
    label = KINDS[inputs.kind][0]
    job = state().jobs.submit(
        form_token(),
        f"Write the {label} report for {inputs.scheme.name}",
        _work(inputs, form_token()),
        back=url_for("report.index"),
    )
    return redirect(url_for("jobs.show", job_id=job.id), code=303)
