"""The ``vvgctl`` entry point: joins the command modules and maps errors to exit codes.

Exit codes: 0 clean, 1 findings (or a user error in the data), 2 a wrong call, 3 a bug in
vvgctl, 130 interrupted. Command modules import the core inside their functions, so that
``vvgctl --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer._click.exceptions import ClickException

from vvgctl import __version__
from vvgctl.cli import (
    actions,
    arshjul,
    cases,
    check,
    completion,
    decisions,
    documents,
    import_,
    init,
    lifecycle,
    new_meeting,
    publish,
    render,
    review,
    rules,
    schema,
    search,
    show,
    summary,
)
from vvgctl.cli.localised import Group, localise_error, localise_rich_help
from vvgctl.errors import VvgError
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.i18n import _ as tr

HELP = N_("""\
A toolkit for VVG's minutes in git: check, query, plan and render.

The minutes are kept as Markdown files with YAML front matter.
Start with `vvgctl check minutes`; every command has --help with examples.
""")


class _Group(Group):
    """The one place where errors become exit codes (also under typer's test runner)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:
            if param.opts and param.opts[0] in completion.HELP:
                param.help = tr(completion.HELP[param.opts[0]])
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        explicit = completion.explicit_shell(args)
        if explicit is not None and not ctx.resilient_parsing:
            try:
                completion.run_explicit(ctx, None, *explicit)
            except VvgError as exc:
                typer.echo(f"vvgctl: {_shown(exc)}", err=True)
                raise typer.Exit(exc.exit_code) from None
        result: list[str] = super().parse_args(ctx, args)
        return result

    def invoke(self, ctx: Any) -> Any:  # click.Context, vendored privately by typer
        from vvgctl.errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_USAGE, VvgError

        try:
            return super().invoke(ctx)
        except VvgError as exc:
            typer.echo(f"vvgctl: {_shown(exc)}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            if os.environ.get("VVGCTL_TRACEBACK") or isinstance(exc, BrokenPipeError):
                raise
            # the system refused a path we were given (permissions, no such folder, disk
            # full): the user's to fix, so the file, what to do and exit 2, not "a bug"
            from vvgctl.errors import os_error

            typer.echo(f"vvgctl: {_shown(os_error(exc))}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except KeyboardInterrupt:
            typer.echo("vvgctl: " + tr("interrupted"), err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except ClickException as exc:  # a wrong call: click's message, in the user's language
            localise_error(exc)
            localise_rich_help()
            raise
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as exc:
            if _is_usage_error(exc):
                localise_error(exc)
                localise_rich_help()
                raise
            if os.environ.get("VVGCTL_TRACEBACK"):
                raise
            typer.echo("vvgctl: " + tr(
                "internal error ({error}).\n"
                "This is a bug in vvgctl, not in your files. Rerun with --traceback and "
                "report it.").format(error=f"{type(exc).__name__}: {exc}"), err=True)
            raise typer.Exit(EXIT_BUG) from None


def _shown(exc: Any) -> str:
    """A VvgError as the user reads it: where, what and the hint, in their language."""
    from vvgctl.runtime.i18n import translate_formatted

    where = ""
    if exc.path:
        where = f"{exc.path}:{exc.line}: " if exc.line else f"{exc.path}: "
    text = where + translate_formatted(exc.message)
    if exc.hint:
        text += f"\n  {tr('hint:')} {translate_formatted(exc.hint)}"
    return text


def _is_usage_error(exc: Exception) -> bool:
    """Typer's own parse errors (bad option values) carry an exit code: let them through."""
    return hasattr(exc, "exit_code") and hasattr(exc, "show")


app = typer.Typer(help=HELP, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode="markdown", cls=_Group,
                  context_settings={"help_option_names": ["-h", "--help"]})

for module in (init, check, review, show, summary, schema, rules, new_meeting, lifecycle,
               decisions, cases, actions, documents, search, import_, publish, render,
               arshjul):
    module.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vvgctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help=N_("Print the version and exit.")),
    traceback: bool = typer.Option(False, "--traceback", help=N_(
                                   "Show Python tracebacks of internal errors (for bug "
                                   "reports).")),
) -> None:
    if traceback:
        os.environ["VVGCTL_TRACEBACK"] = "1"


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # during start-up, before a command runs
        sys.stderr.write("vvgctl: " + tr("interrupted") + "\n")
        sys.exit(130)
