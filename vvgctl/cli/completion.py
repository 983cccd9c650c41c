"""Shell completion with an explicit shell: ``vvgctl --show-completion zsh``.

Typer's ``--show-completion`` and ``--install-completion`` are flags when shellingham is
installed (it is, with typer): they detect the running shell and the word after them is never
read, so ``--show-completion zsh`` under bash printed the bash script. The root group reads an
explicit shell here first, before typer's flags see the arguments; the bare flags still detect.
"""

from __future__ import annotations

from typing import Any

from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
SHOW = "--show-completion"
INSTALL = "--install-completion"
HELP = {
    SHOW: N_(
        "Show the completion script for SHELL (bash, zsh, fish, powershell, pwsh; the "
        "current shell when omitted), to copy it or customise the installation."
    ),
    INSTALL: N_(
        "Install completion for SHELL (bash, zsh, fish, powershell, pwsh; the current "
        "shell when omitted)."
    ),
}


def explicit_shell(args: list[str]) -> tuple[str, str] | None:
    """(option, shell) when the root's own options (those before the command) name a shell
    after a completion option; None otherwise, and for a command's arguments."""
    for index, arg in enumerate(args):
        if not arg.startswith("-") or arg == "--":
            return None  # the command's name: what follows is the command's
        option, _, value = arg.partition("=")
        if option not in HELP:
            continue
        if not value and index + 1 < len(args) and args[index + 1] in SHELLS:
            value = args[index + 1]
        if value:
            return option, value
    return None


def run_explicit(ctx: Any, param: Any, option: str, shell: str) -> None:
    """Print or install the script for ``shell`` through typer's own callbacks (they exit)."""
    from vvgctl.errors import UsageError

    if shell not in SHELLS:
        raise UsageError(
            Message(
                N_("unknown shell {shell!r} for {option}; use one of {shells}"),
                {"shell": shell, "option": option, "shells": ", ".join(SHELLS)},
            )
        )
    from typer.completion import install_callback, show_callback

    (show_callback if option == SHOW else install_callback)(ctx, param, shell)
