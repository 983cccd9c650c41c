"""``vvgctl new-meeting``: the organ's next meeting file, pre-filled and valid."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from vvgctl.cycle import scaffold_inputs
    from vvgctl.models.common import TimeRange
    from vvgctl.models.meeting import MeetingMode

HELP = """\
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
"""


def register(app: typer.Typer) -> None:
    app.command("new-meeting", help=HELP)(new_meeting)


def interactive() -> bool:
    """Whether a person is there to answer questions."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _parse_time(text: str) -> TimeRange:
    from vvgctl.errors import UsageError
    from vvgctl.models.common import TimeRange

    start, sep, end = text.replace("–", "-").partition("-")
    try:
        if not sep:
            raise ValueError("no '-' between start and end")
        return TimeRange(start=start.strip(), end=end.strip())
    except ValueError as exc:
        raise UsageError(f"--time {text!r}: write it as 09:00-11:00",
                         hint=str(exc).splitlines()[-1]) from None


def _ask_date(organ: str) -> dt.date:
    from vvgctl.errors import UsageError

    if not interactive():
        raise UsageError(f"the schedule of {organ} gives no coming meeting, so the date is "
                         "unknown", hint="give --date YYYY-MM-DD, or add the meeting to "
                                         f"{organ}/<year>/schedule.yaml")
    answer: str = typer.prompt("Mötesdatum (ÅÅÅÅ-MM-DD)")
    try:
        return dt.date.fromisoformat(answer.strip())
    except ValueError:
        raise UsageError(f"{answer!r} is not a date; write it as 2026-02-11") from None


def new_meeting(
    organ: Annotated[str, typer.Option("--organ", "-o", help="The organ's id, e.g. vvg.")],
    date: Annotated[str | None, typer.Option(
        "--date", "-d", help="YYYY-MM-DD (default: the next meeting in the schedule).",
        show_default=False)] = None,
    time: Annotated[str | None, typer.Option(
        help="Start and end, e.g. 09:00-11:00 (default: from the schedule).",
        show_default=False)] = None,
    place: Annotated[str | None, typer.Option(
        help="Teams, an address or a room (default: from the schedule).",
        show_default=False)] = None,
    mode: Annotated[str | None, typer.Option(
        help="remote, in_person or hybrid (default: from the schedule).",
        show_default=False)] = None,
    repo: Annotated[Path, typer.Option(
        "--root", "--repo", help="The minutes folder (the one with registry/).")]
        = Path("minutes"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the file; write nothing.")]
        = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    branch: Annotated[bool, typer.Option(
        "--branch", help="Create the git branch meeting/<organ>-<date> and commit the file.")]
        = False,
) -> None:
    from vvgctl.cli import output
    from vvgctl.cycle import scaffold, scaffold_inputs
    from vvgctl.diagnostics import display_path
    from vvgctl.errors import UsageError, VvgError
    from vvgctl.models.meeting import MeetingMode
    from vvgctl.repository.repo import Repository

    found_repository = Repository.find(repo)
    if found_repository is None:
        raise UsageError(f"{repo}: no minutes repository here (a folder with registry/)",
                         hint="run it where the minutes folder is, or give --repo PATH")
    repository = found_repository
    root, registry = repository.root, repository.registry
    found = registry.organ(organ)
    if found is None:
        raise UsageError(f"unknown organ {organ!r}",
                         hint="known: " + ", ".join(registry.organ_ids()))
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise UsageError(f"--date {date!r} is not a date; write it as 2026-02-11") from None
        slot = next((s for s in scaffold_inputs.schedule(repository, organ) if s.date == day),
                    None)
    else:
        slot = scaffold_inputs.next_slot(repository, organ, dt.date.today())
        day = slot.date if slot is not None else _ask_date(organ)
    target = repository.meeting_path(organ, day)
    if not dry_run and target.exists() and not force:
        raise VvgError(f"{display_path(target)} already exists; nothing was written",
                       hint="edit the file, or give --force to replace it")
    top = _branch_preflight(root, organ, day) if branch and not dry_run else None
    chosen_mode: MeetingMode | None = None
    if mode is not None:
        try:
            chosen_mode = MeetingMode(mode)
        except ValueError:
            raise UsageError(f"--mode {mode!r}: use remote, in_person or hybrid") from None
    full = scaffold.slot_with(slot, day, _parse_time(time) if time else None, place,
                              chosen_mode)
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
    err.print(f"Skrev {display_path(target)}", markup=False)
    if top is not None:
        from vvgctl.repository import git

        name = f"meeting/{organ}-{day.isoformat()}"
        git.commit_on_new_branch(top, name, [target.resolve()],
                                 f"{found.short_name or found.name}: planerat möte {day}")
        err.print(f"Gren {name} med en commit; öppna en pull request därifrån.", markup=False)


def _branch_preflight(root: Path, organ: str, day: dt.date) -> Path:
    """The git top level, once it is sure a branch can be made there cleanly."""
    from vvgctl.errors import VvgError
    from vvgctl.repository import git

    top = git.toplevel(root)
    changes = git.dirty(top)
    if changes:
        raise VvgError(f"the git work tree {top} has uncommitted changes; no branch made",
                       hint="commit or stash them first:\n    " + "\n    ".join(changes[:5]))
    name = f"meeting/{organ}-{day.isoformat()}"
    if git.branch_exists(top, name):
        raise VvgError(f"the branch {name} exists already",
                       hint="switch to it, or delete it with git branch -D")
    return top


def _complete(slot: scaffold_inputs.Slot, organ: str) -> scaffold_inputs.Slot:
    """Ask for place and mode on a terminal; without one, say which option is missing."""
    from vvgctl.cycle.scaffold_inputs import Slot
    from vvgctl.errors import UsageError
    from vvgctl.models.meeting import MeetingMode

    missing = [name for name, value in (("--place", slot.place), ("--mode", slot.mode))
               if not value]
    if not missing:
        return slot
    if not interactive():
        raise UsageError(f"no scheduled meeting of {organ} on {slot.date} gives the "
                         + " and ".join(m[2:] for m in missing),
                         hint="give " + " and ".join(missing) + ", or add the meeting to "
                              f"{organ}/{slot.date.year}/schedule.yaml")
    place = slot.place or typer.prompt("Plats (t.ex. Teams eller en adress)").strip()
    mode = slot.mode
    while mode is None:
        answer = typer.prompt("Mötesform (remote, in_person, hybrid)", default="remote")
        try:
            mode = MeetingMode(answer.strip())
        except ValueError:
            typer.echo("Svara remote, in_person eller hybrid.", err=True)
    time = slot.time
    if time is None:
        answer = typer.prompt("Tid (t.ex. 09:00-11:00, tomt om okänd)", default="",
                              show_default=False).strip()
        time = _parse_time(answer) if answer else None
    return Slot(slot.date, time, place, mode, slot.note)
