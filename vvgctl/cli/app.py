"""The ``vvgctl`` entry point: joins the command modules and maps errors to exit codes.

Exit codes: 0 clean, 1 findings (or a user error in the data), 2 a wrong call, 3 a bug in
vvgctl, 130 interrupted. Command modules import the core inside their functions, so that
``vvgctl --help`` starts fast.
"""

from __future__ import annotations

import os
import sys

import typer

from vvgctl import __version__
from vvgctl.cli import check, rules, schema, show, summary

HELP = """\
Verktyg för VVG:s mötesanteckningar i git: kontrollera, fråga, planera och rendera.

A toolkit over a repository of minutes kept as Markdown files with YAML front matter.
Start with `vvgctl check minutes`; every command has --help with examples.
"""

app = typer.Typer(help=HELP, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode="markdown", context_settings={"help_option_names": ["-h", "--help"]})

for module in (check, show, summary, schema, rules):
    module.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vvgctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
    traceback: bool = typer.Option(False, "--traceback", help="Show Python tracebacks of "
                                   "internal errors (for bug reports)."),
) -> None:
    if traceback:
        os.environ["VVGCTL_TRACEBACK"] = "1"


def main() -> None:
    from vvgctl.errors import EXIT_BUG, EXIT_INTERRUPTED, VvgError

    try:
        app()
    except VvgError as exc:
        sys.stderr.write(f"vvgctl: {exc}\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("vvgctl: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except Exception:
        if os.environ.get("VVGCTL_TRACEBACK"):
            raise
        kind, value, _ = sys.exc_info()
        sys.stderr.write(
            f"vvgctl: internal error ({kind.__name__ if kind else '?'}: {value}).\n"
            "This is a bug in vvgctl, not in your files. Rerun with --traceback and report it.\n"
        )
        sys.exit(EXIT_BUG)
