"""How long work reports how far it has come: the callbacks the core calls.

The core never draws anything: it calls a :data:`Progress` after each finished task (or a
:data:`PhaseProgress` when the work has named phases, as ``publish``), and the command line
turns the calls into a bar on a terminal (:mod:`vvgctl.cli.progress`) or ignores them.
"""

from __future__ import annotations

from collections.abc import Callable

#: ``(done, total)`` after each finished task
Progress = Callable[[int, int], None]

#: ``(phase, done, total, current item)`` for work in named phases ("Möten", "Sidor" …)
PhaseProgress = Callable[[str, int, int, str], None]
