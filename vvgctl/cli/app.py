"""The ``vvgctl`` entry point: joins the command modules and maps errors to exit codes.

Exit codes: 0 clean, 1 findings (or a user error in the data), 2 a wrong call, 3 a bug in
vvgctl, 130 interrupted.

Start-up imports only what the command run uses (mkdocs' way): :data:`COMMANDS` names each
command's module, imported when the command is looked up, and its one-line help, which
``vvgctl --help`` lists without importing any command module (tests/test_cli_check.py holds
the line to the first paragraph of the command's own help). Command modules import the core
inside their functions, so ``vvgctl show --help`` imports no more than ``vvgctl.cli.show``.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
from typer._click.exceptions import ClickException

from vvgctl import __version__
from vvgctl.cli import completion
from vvgctl.cli.localised import Group, localise_error, localise_rich_help
from vvgctl.errors import VvgError
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.i18n import _ as tr

HELP = N_("""\
A toolkit for VVG's minutes in git: check, query, plan and render.

The minutes are kept as Markdown files with YAML front matter.
Start with `vvgctl check minutes`; every command has --help with examples.
""")

#: every command: its name, its module under :mod:`vvgctl.cli` (whose ``register`` adds it),
#: and its one-line help (the first paragraph of the command's help), in the order listed
COMMANDS: dict[str, tuple[str, str]] = {
    "init": (
        "init",
        N_(
            "Start a minutes repository for an organ: its registry and site settings, the "
            "schedule and årshjul of the year of its next meeting (next year in December), a "
            "README that walks the administrator through the year, JSON Schemas with editor "
            "wiring, pre-commit, and CI for GitHub and GitLab (check, review and preview on pull "
            "requests; publishing from main)."
        ),
    ),
    "check": ("check", N_("Validate minutes against the schema and the repository's rules.")),
    "review": (
        "review",
        N_(
            "Say what a change does to the minutes, against a git revision (a pull request's "
            "base): first the files that do not load (with their line and a hint), then meetings "
            "added, removed and changed, status moves, items whose title or prose changed (the "
            "paragraphs added and removed), people added to or removed from the roster, the "
            "invited and the attendance, positions (ställningstaganden) added, changed (old text → "
            "new text) and removed, actions opened and closed, and the verdicts of approval-flow "
            "and frozen-record."
        ),
    ),
    "show": ("show", N_("Show one meeting as validated data.")),
    "summary": (
        "summary",
        N_(
            "Print a summary of the meetings in a repository: organ, date, status, items and "
            "positions."
        ),
    ),
    "schema": (
        "schema",
        N_(
            "Write the JSON Schema exported from the pydantic models into a folder (default: "
            "schemas/)."
        ),
    ),
    "rules": (
        "rules",
        N_("List every code `vvgctl check` can report, with what it checks and how severe it is."),
    ),
    "new-meeting": (
        "new_meeting",
        N_("Write the file for an organ's next meeting, ready for a pull request."),
    ),
    "status": (
        "lifecycle",
        N_("Move a meeting record along: agenda (kallelse sent), draft (minutes written), review."),
    ),
    "approve": (
        "lifecycle",
        N_(
            'Record that minutes were approved at a later meeting ("Föregående mötesanteckningar '
            'godkänns"), with any correction.'
        ),
    ),
    "attend": (
        "lifecycle",
        N_("Note attendance: who is absent (förhindrad) and who takes part remotely (via Teams)."),
    ),
    "decisions": (
        "decisions",
        N_("List the positions (ställningstaganden) the organs took, oldest first."),
    ),
    "cases": ("cases", N_("List the cases (ärenden), newest first, with their derived status.")),
    "case": ("cases", N_("Show one case's timeline across meetings and organs.")),
    "actions": (
        "actions",
        N_("List the actions of the minutes ('Inför nästa möte', assignments), oldest first."),
    ),
    "documents": (
        "documents",
        N_("List the county-wide governing documents (riktlinjer, rutiner, överenskommelser)."),
    ),
    "search": (
        "search",
        N_("Search item titles, positions and the text of the minutes, best hits first (bm25)."),
    ),
    "import": (
        "import_",
        N_("Import legacy minutes (.pdf, .docx, .odt, .html, .md, .txt) as drafts for review."),
    ),
    "publish": (
        "publish",
        N_(
            "Publish the approved minutes as a static site: an index by organ and year, a page and "
            "a PDF per meeting, the register of positions, a page per case, the årshjul with the "
            "schedules as .ics, an Atom feed and a sitemap. Only minutes with `status: approved` "
            "are published; planned, draft and in-review records never reach the output folder."
        ),
    ),
    "render": (
        "render",
        N_("Render minutes (or with --agenda the kallelse) as PDF, HTML or DOCX."),
    ),
    "arshjul": (
        "arshjul",
        N_("Show an organ's årshjul: the year's meetings and the topics planned for each."),
    ),
}


class _Commands(MutableMapping[str, Any]):
    """The group's commands by name (click.Command), each module imported when one of its
    commands is first looked up. With ``listing`` set (help and completion list the commands)
    a command not yet imported is only its name and one-line help."""

    def __init__(self) -> None:
        self.loaded: dict[str, Any] = {}
        self.listing = False

    def __getitem__(self, name: str) -> Any:
        if name not in self.loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            module, line = COMMANDS[name]
            if self.listing:
                return typer.core.TyperCommand(name=name, help=tr(line))
            sub = typer.Typer(rich_markup_mode="markdown", pretty_exceptions_enable=False)
            importlib.import_module(f"vvgctl.cli.{module}").register(sub)
            self.loaded.update(typer.main.get_group(sub).commands)
        return self.loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self.loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(COMMANDS), **self.loaded})

    def __len__(self) -> int:
        return len(COMMANDS.keys() | self.loaded.keys())


class _Group(Group):
    """The one place where errors become exit codes (also under typer's test runner)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = self.lazy = _Commands()

    def format_help(self, ctx: Any, formatter: Any) -> Any:
        from vvgctl.cli.help_page import print_group_help
        from vvgctl.cli.localised import _localise_params

        self.lazy.listing = True
        try:
            _localise_params(self)  # typer adds the completion options after the group is made
            if print_group_help(self, ctx):  # typer's page, without importing typer.rich_utils
                return None
            return super().format_help(ctx, formatter)
        finally:
            self.lazy.listing = False

    def shell_complete(self, ctx: Any, incomplete: str) -> Any:
        self.lazy.listing = True
        try:
            return super().shell_complete(ctx, incomplete)
        finally:
            self.lazy.listing = False

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
            typer.echo(
                "vvgctl: "
                + tr(
                    "internal error ({error}).\n"
                    "This is a bug in vvgctl, not in your files. Rerun with --traceback and "
                    "report it."
                ).format(error=f"{type(exc).__name__}: {exc}"),
                err=True,
            )
            raise typer.Exit(EXIT_BUG) from None


def _shown(exc: Any) -> str:
    """A VvgError as the user reads it: where, what and the hint, in their language."""
    from vvgctl.runtime.i18n import render

    where = ""
    if exc.path:
        where = f"{exc.path}:{exc.line}: " if exc.line else f"{exc.path}: "
    text = where + render(exc.message)
    if exc.hint:
        text += f"\n  {tr('hint:')} {render(exc.hint)}"
    return text


def _is_usage_error(exc: Exception) -> bool:
    """Typer's own parse errors (bad option values) carry an exit code: let them through."""
    return hasattr(exc, "exit_code") and hasattr(exc, "show")


app = typer.Typer(
    help=HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vvgctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=N_("Print the version and exit.")
    ),
    traceback: bool = typer.Option(
        False,
        "--traceback",
        help=N_("Show Python tracebacks of internal errors (for bug reports)."),
    ),
) -> None:
    if traceback:
        os.environ["VVGCTL_TRACEBACK"] = "1"


def main() -> None:
    # vvgctl uses no pydantic plugin: without this, building the first model scans every
    # installed distribution's entry points (importlib.metadata) for one, on every start (issue
    # 27). pydantic reads its documented switch when it builds a model; a user's value is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except KeyboardInterrupt:  # during start-up, before a command runs
        sys.stderr.write("vvgctl: " + tr("interrupted") + "\n")
        sys.exit(130)
