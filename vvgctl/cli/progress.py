"""Progress bars on the terminal: the one place the command line draws them.

A command asks for a bar with a label and gets the callback to hand to the core (see
:mod:`vvgctl.runtime.progress`), or ``None`` when stderr is not a terminal: piped output and
CI logs stay clean, and rich is not imported at all (it costs 30 ms).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from vvgctl.runtime.progress import PhaseProgress, Progress


def _terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def bar(label: str, *, enabled: bool = True, at_least: int = 0) -> Iterator[Progress | None]:
    """A bar labelled ``label`` ("Kontrollerar") while the block runs, shown only on a terminal
    and once the work has ``at_least`` tasks; removed when the block ends."""
    if not (enabled and _terminal()):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as RichProgress

    from vvgctl.cli.output import stderr

    drawn = RichProgress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), console=stderr(), transient=True
    )
    task = drawn.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        if total < at_least:
            return
        if not drawn.live.is_started:
            drawn.start()
        drawn.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        drawn.stop()


@contextmanager
def phases(*, enabled: bool = True) -> Iterator[PhaseProgress | None]:
    """One bar per named phase, with elapsed and remaining time and the current item."""
    if not (enabled and _terminal()):
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as RichProgress

    from vvgctl.cli.output import stderr

    drawn = RichProgress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("[dim]{task.fields[current]}"),
        console=stderr(),
        transient=True,
    )
    tasks: dict[str, Any] = {}

    def update(phase: str, done: int, total: int, current: str) -> None:
        if phase not in tasks:
            tasks[phase] = drawn.add_task(phase, total=total or None, current="")
        drawn.update(tasks[phase], completed=done, total=total or None, current=current)

    drawn.start()
    try:
        yield update
    finally:
        drawn.stop()
