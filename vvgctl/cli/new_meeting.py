"""``vvgctl new-meeting``: the organ's next meeting file, pre-filled and valid."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vvgctl.cli.localised import Command
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.i18n import _ as tr

if TYPE_CHECKING:
    from vvgctl.cycle import scaffold_inputs
    from vvgctl.models.common import TimeRange
    from vvgctl.models.meeting import MeetingMode
    from vvgctl.models.registry import Organ
    from vvgctl.repository.repo import Repository

DEFAULT_HELP = N_("The minutes folder (default: the repository you stand in, else ./minutes).")

HELP = N_("""\
Write the file for an organ's next meeting, ready for a pull request.

Without --date the organ's next meeting in the schedule (`<organ>/<year>/schedule.yaml`) is
used, on or after today. The file gets time and place from the schedule, the roster as it
stands on the date (ordförande, vice ordförande, delegations, beredning and administration),
and the agenda as the organ writes it: the opening and closing items of its template
(`agenda:` in registry/organs.yaml; a default without one), the topics the årshjul plans for
the meeting with their kind, follow-ups aimed at it (a short title, the sentence as text),
the open actions due with their ids (close one with `closes_actions: [id]`), and the
written information gathered under one item; a body section per item. Its status is
`planned` and it passes `vvgctl check` as written.

On a terminal it asks for what it cannot infer (date, place, mode); without one it never waits
for input and says which option is missing. An existing file is never replaced (exit 1) unless
--force is given.

Examples:

    vvgctl new-meeting --organ vvg
    vvgctl new-meeting --organ vvg --date 2025-12-10 --place Teams --mode remote --dry-run
    vvgctl new-meeting --organ styrgrupp-hos --date 2026-06-10 --place Teams --mode remote
    vvgctl new-meeting --organ vvg --branch      # git switch -c meeting/vvg-<date> + commit
""")


def register(app: typer.Typer) -> None:
    app.command("new-meeting", cls=Command, help=HELP)(new_meeting)


def interactive() -> bool:
    """Whether a person is there to answer questions."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _parse_time(text: str) -> TimeRange:
    from vvgctl.errors import UsageError
    from vvgctl.models.common import TimeRange

    start, sep, end = text.replace("–", "-").partition("-")
    try:
        if not sep:
            raise ValueError(N_("no '-' between start and end"))
        return TimeRange(start=start.strip(), end=end.strip())
    except ValueError as exc:
        raise UsageError(
            Message(N_("--time {text!r}: write it as 09:00-11:00"), {"text": text}),
            hint=str(exc).splitlines()[-1],
        ) from None


def _ask_date(organ: str) -> dt.date:
    from vvgctl.errors import UsageError

    if not interactive():
        raise UsageError(
            Message(
                N_("the schedule of {organ} gives no coming meeting, so the date is unknown"),
                {"organ": organ},
            ),
            hint=Message(
                N_("give --date YYYY-MM-DD, or add the meeting to {organ}/<year>/schedule.yaml"),
                {"organ": organ},
            ),
        )
    answer: str = typer.prompt(tr("Meeting date (YYYY-MM-DD)"))
    try:
        return dt.date.fromisoformat(answer.strip())
    except ValueError:
        raise UsageError(
            Message(N_("{answer!r} is not a date; write it as 2026-02-11"), {"answer": answer})
        ) from None


def new_meeting(
    organ: Annotated[str, typer.Option("--organ", "-o", help=N_("The organ's id, e.g. vvg."))],
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            help=N_("YYYY-MM-DD (default: the next meeting in the schedule)."),
            show_default=False,
        ),
    ] = None,
    time: Annotated[
        str | None,
        typer.Option(
            help=N_("Start and end, e.g. 09:00-11:00 (default: from the schedule)."),
            show_default=False,
        ),
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            help=N_("Teams, an address or a room (default: from the schedule)."), show_default=False
        ),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option(
            help=N_("remote, in_person or hybrid (default: from the schedule)."), show_default=False
        ),
    ] = None,
    repo: Annotated[
        Path | None,
        typer.Option("--root", "--repo", help=DEFAULT_HELP, show_default=False),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Print the file; write nothing."))
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace an existing file."))] = False,
    branch: Annotated[
        bool,
        typer.Option(
            "--branch", help=N_("Create the git branch meeting/<organ>-<date> and commit the file.")
        ),
    ] = False,
) -> None:
    from vvgctl.cli import output
    from vvgctl.cycle import scaffold, scaffold_inputs
    from vvgctl.diagnostics import display_path
    from vvgctl.errors import VvgError
    from vvgctl.repository.default import default_root

    repository = _open(repo if repo is not None else default_root())
    found = _organ(repository, organ)
    day, slot = _day_and_slot(repository, organ, date)
    target = repository.meeting_path(organ, day)
    if not dry_run and target.exists() and not force:
        raise VvgError(
            Message(
                N_("{target} already exists; nothing was written"), {"target": display_path(target)}
            ),
            hint=N_("edit the file, or give --force to replace it"),
        )
    top = _branch_preflight(repository.root, organ, day) if branch and not dry_run else None
    chosen_mode = _parse_mode(mode) if mode is not None else None
    full = scaffold.slot_with(slot, day, _parse_time(time) if time else None, place, chosen_mode)
    full = _complete(full, organ)
    inputs = scaffold_inputs.gather(repository, found, day, full)
    repository.save()
    text = scaffold.render(inputs)
    err = output.stderr()
    for note in inputs.notes:
        err.print(f"obs: {output.visible(note)}", markup=False)
    if dry_run:
        sys.stdout.write(text)
        return
    scaffold.write_new(target, text, force=force)
    err.print(tr("Wrote {path}").format(path=display_path(target)), markup=False)
    if top is not None:
        name = _branch_name(organ, day)
        _commit_on_branch(top, name, found, day, target)
        err.print(
            tr("Branch {name} with a commit; open a pull request from it.").format(name=name),
            markup=False,
        )


def _open(repo: Path) -> Repository:
    """The minutes repository at ``repo``; its meetings are read once for the records and
    the query index alike."""
    from vvgctl.errors import UsageError
    from vvgctl.index.rows import project
    from vvgctl.repository.repo import Repository

    found_repository = Repository.open(repo, required=False, keep_loaded=True, project=project)
    if found_repository is None:
        raise UsageError(
            Message(
                N_("{repo}: no minutes repository here (a folder with registry/)"), {"repo": repo}
            ),
            hint=N_("run it where the minutes folder is, or give --repo PATH"),
        )
    return found_repository


def _organ(repository: Repository, organ: str) -> Organ:
    from vvgctl.errors import UsageError

    registry = repository.registry
    found = registry.organ(organ)
    if found is None:
        raise UsageError(
            Message(N_("unknown organ {organ!r}"), {"organ": organ}),
            hint=Message(N_("known organs: {organs}"), {"organs": ", ".join(registry.organ_ids())}),
        )
    return found


def _day_and_slot(
    repository: Repository, organ: str, date: str | None
) -> tuple[dt.date, scaffold_inputs.Slot | None]:
    """The meeting's date (--date, else the schedule's next meeting, else asked for) and its
    meeting in the schedule, if it has one."""
    from vvgctl.cycle import scaffold_inputs
    from vvgctl.errors import UsageError

    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise UsageError(
                Message(N_("--date {date!r} is not a date; write it as 2026-02-11"), {"date": date})
            ) from None
        slot = next((s for s in scaffold_inputs.schedule(repository, organ) if s.date == day), None)
    else:
        slot = scaffold_inputs.next_slot(repository, organ, dt.date.today())
        day = slot.date if slot is not None else _ask_date(organ)
    return day, slot


def _parse_mode(mode: str) -> MeetingMode:
    from vvgctl.errors import UsageError
    from vvgctl.models.meeting import MeetingMode

    try:
        return MeetingMode(mode)
    except ValueError:
        raise UsageError(
            Message(N_("--mode {mode!r}: use remote, in_person or hybrid"), {"mode": mode})
        ) from None


def _branch_name(organ: str, day: dt.date) -> str:
    return f"meeting/{organ}-{day.isoformat()}"


def _commit_on_branch(top: Path, name: str, organ: Organ, day: dt.date, target: Path) -> None:
    """The new file committed on a new branch ``name``."""
    from vvgctl.repository import git

    git.commit_on_new_branch(
        top, name, [target.resolve()], f"{organ.short_name or organ.name}: planerat möte {day}"
    )


def _branch_preflight(root: Path, organ: str, day: dt.date) -> Path:
    """The git top level, once it is sure a branch can be made there cleanly."""
    from vvgctl.errors import VvgError
    from vvgctl.repository import git

    top = git.toplevel(root)
    changes = git.dirty(top)
    if changes:
        raise VvgError(
            Message(
                N_("the git work tree {top} has uncommitted changes; no branch made"), {"top": top}
            ),
            hint=Message(
                N_("commit or stash them first:\n    {changes}"),
                {"changes": "\n    ".join(changes[:5])},
            ),
        )
    name = _branch_name(organ, day)
    if git.branch_exists(top, name):
        raise VvgError(
            Message(N_("the branch {name} exists already"), {"name": name}),
            hint=N_("switch to it, or delete it with git branch -D"),
        )
    return top


#: what a scheduled meeting lacks: the message and the hint, as whole sentences
_MISSING = {
    ("--place",): (
        N_("no scheduled meeting of {organ} on {date} gives the place"),
        N_("give --place, or add the meeting to {schedule}"),
    ),
    ("--mode",): (
        N_("no scheduled meeting of {organ} on {date} gives the mode"),
        N_("give --mode, or add the meeting to {schedule}"),
    ),
    ("--place", "--mode"): (
        N_("no scheduled meeting of {organ} on {date} gives the place and mode"),
        N_("give --place and --mode, or add the meeting to {schedule}"),
    ),
}


def _complete(slot: scaffold_inputs.Slot, organ: str) -> scaffold_inputs.Slot:
    """Ask for place and mode on a terminal; without one, say which option is missing."""
    from vvgctl.cycle.scaffold_inputs import Slot
    from vvgctl.errors import UsageError
    from vvgctl.models.meeting import MeetingMode

    missing = [
        name for name, value in (("--place", slot.place), ("--mode", slot.mode)) if not value
    ]
    if not missing:
        return slot
    if not interactive():
        message, hint = _MISSING[tuple(missing)]
        raise UsageError(
            Message(message, {"organ": organ, "date": slot.date}),
            hint=Message(hint, {"schedule": f"{organ}/{slot.date.year}/schedule.yaml"}),
        )
    place = slot.place or typer.prompt("Plats (t.ex. Teams eller en adress)").strip()
    mode = slot.mode
    while mode is None:
        answer = typer.prompt(tr("Meeting mode (remote, in_person, hybrid)"), default="remote")
        try:
            mode = MeetingMode(answer.strip())
        except ValueError:
            typer.echo("Svara remote, in_person eller hybrid.", err=True)
    time = slot.time
    if time is None:
        answer = typer.prompt(
            tr("Time (e.g. 09:00-11:00, empty if unknown)"), default="", show_default=False
        ).strip()
        time = _parse_time(answer) if answer else None
    return Slot(slot.date, time, place, mode, slot.note)
