"""``vvgctl status``, ``vvgctl approve`` and ``vvgctl attend``: a record's lifecycle, edited in
place (comments, order and every untouched line kept)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vvgctl.cli.localised import Command
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_, render
from vvgctl.runtime.i18n import _ as tr

if TYPE_CHECKING:
    from vvgctl.cycle.lifecycle import Outcome

STATUS_HELP = N_("""\
Move a meeting record along: agenda (kallelse sent), draft (minutes written), review.

Only the `status:` line changes. Approved records are frozen; use `vvgctl approve`.

Examples:

    vvgctl status minutes/vvg/2025/2025-12-10.md agenda
    vvgctl status minutes/vvg/2025/2025-12-10.md review
""")

APPROVE_HELP = N_("""\
Record that minutes were approved at a later meeting ("Föregående mötesanteckningar
godkänns"), with any correction.

Only a record in review, with nothing unfinished (see `vvgctl check`), is approved, and
only when the approving meeting's minutes are in the repository. Sets `status: approved` and
`approval: {meeting, corrections}` in the record and marks the approving meeting's `previous`
approved with the same corrections. Give --quote, --replacement and --item with a single
--correction: the quoted words are replaced where they stand, in one text of the front matter
(a position, a title) or one paragraph of the body, in the same write; --item searches that
item only. A refusal, or a result that would fail `vvgctl check`, changes neither file.

Examples:

    vvgctl approve minutes/vvg/2025/2025-10-22.md --at 2025-12-10
    vvgctl approve minutes/vvg/2025/2025-10-22.md --at 2025-12-10 \\
        --correction "Rättelse i punkt 5: fel datum" --item 5 \\
        --quote "den 10 juni 2024" --replacement "den 11 juni 2024"
""")

ATTEND_HELP = N_("""\
Note attendance: who is absent (förhindrad) and who takes part remotely (via Teams).

Names are checked against the registry (with a "did you mean"). Marking someone remote takes
them off the absent list and the other way round; --present takes them off both.

Examples:

    vvgctl attend minutes/vvg/2025/2025-12-10.md --absent "Jörgen Thorn" --absent "Maria Taranger"
    vvgctl attend minutes/vvg/2025/2025-12-10.md --remote "Ebba Gierow" --present "Jörgen Thorn"
""")

Record = Annotated[Path, typer.Argument(help=N_("A meeting file."), exists=True, dir_okay=False)]


def register(app: typer.Typer) -> None:
    app.command("status", cls=Command, help=STATUS_HELP)(status)
    app.command("approve", cls=Command, help=APPROVE_HELP)(approve)
    app.command("attend", cls=Command, help=ATTEND_HELP)(attend)


def _say_when_waiting() -> None:
    """Say on stderr when the edit waits for another vvgctl command editing the same file."""
    from vvgctl.cli import output
    from vvgctl.diagnostics import display_path
    from vvgctl.source import frontmatter_edit

    frontmatter_edit.on_wait = lambda path: output.note(
        render(
            Message(
                N_(
                    "{path} is being changed by another vvgctl command; waiting (at most "
                    "{seconds} s)"
                ),
                {"path": display_path(path), "seconds": f"{frontmatter_edit.LOCK_WAIT:.0f}"},
            )
        )
    )


def _report(outcome: Outcome) -> None:
    from vvgctl.cli import output
    from vvgctl.diagnostics import display_path

    err = output.stderr()
    for path in outcome.changed:
        err.print(tr("Changed {path}").format(path=display_path(path)), markup=False)
    if not outcome.changed:
        err.print(tr("Nothing to change."), markup=False)
    for note in outcome.notes:
        err.print(f"{tr('note:')} {output.visible(render(note))}", markup=False)


def status(
    path: Record,
    value: Annotated[
        str, typer.Argument(metavar="agenda|draft|review|planned", help=N_("The new status."))
    ],
) -> None:
    from vvgctl.cycle.lifecycle import EDITABLE, set_status
    from vvgctl.errors import UsageError
    from vvgctl.models.meeting import Status

    allowed = [s.value for s in EDITABLE]
    if value not in allowed:
        hint = "approval is recorded with `vvgctl approve`" if value == "approved" else None
        raise UsageError(
            Message(
                N_("status {value!r}: use one of {allowed}"),
                {"value": value, "allowed": ", ".join(allowed)},
            ),
            hint=hint,
        )
    _say_when_waiting()
    _report(set_status(path, Status(value)))


def approve(
    path: Record,
    at: Annotated[
        str,
        typer.Option(
            "--at",
            help=N_("The approving meeting: its date (YYYY-MM-DD) or its file."),
            show_default=False,
        ),
    ],
    correction: Annotated[
        list[str] | None,
        typer.Option(
            "--correction",
            help=N_("A correction made at approval (repeatable)."),
            show_default=False,
        ),
    ] = None,
    quote: Annotated[str | None, typer.Option(help=N_("The sentence as it stood."))] = None,
    replacement: Annotated[str | None, typer.Option(help=N_("The sentence as corrected."))] = None,
    item: Annotated[str | None, typer.Option(help=N_("The item the correction concerns."))] = None,
) -> None:
    import datetime as dt

    from pydantic import ValidationError

    from vvgctl.cycle.approval import approve as do_approve
    from vvgctl.errors import UsageError
    from vvgctl.models.meeting import Correction

    texts = correction or []
    if (quote or replacement or item) and len(texts) != 1:
        raise UsageError(N_("--quote, --replacement and --item go with exactly one --correction"))
    try:
        day = dt.date.fromisoformat(Path(at).stem if at.endswith(".md") else at)
    except ValueError:
        raise UsageError(
            Message(
                N_(
                    "--at {at!r}: give the meeting's date (2025-12-10) or its file "
                    "(…/2025-12-10.md)"
                ),
                {"at": at},
            )
        ) from None
    try:
        corrections = [
            Correction(text=t, quote=quote, replacement=replacement, item=item) for t in texts
        ]
    except ValidationError as exc:
        raise UsageError(
            Message(N_("a correction is not valid: {errors}"), {"errors": exc.errors()[0]["msg"]})
        ) from None
    _say_when_waiting()
    _report(do_approve(path, day, corrections))


def attend(
    path: Record,
    absent: Annotated[
        list[str] | None,
        typer.Option("--absent", help=N_("Absent (förhindrad); repeatable."), show_default=False),
    ] = None,
    remote: Annotated[
        list[str] | None,
        typer.Option("--remote", help=N_("Takes part remotely; repeatable."), show_default=False),
    ] = None,
    present: Annotated[
        list[str] | None,
        typer.Option(
            "--present",
            help=N_("Present after all: off both lists; repeatable."),
            show_default=False,
        ),
    ] = None,
) -> None:
    from vvgctl.cycle.lifecycle import attend as do_attend
    from vvgctl.errors import UsageError

    if not (absent or remote or present):
        raise UsageError(N_("give at least one --absent, --remote or --present NAME"))
    both = set(absent or []) & set(remote or [])
    if both:
        raise UsageError(
            Message(N_("{sorted}: both absent and remote"), {"sorted": ", ".join(sorted(both))})
        )
    _say_when_waiting()
    _report(do_attend(path, absent or [], remote or [], present or []))
