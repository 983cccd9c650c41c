"""typer and its vendored click in the user's language.

typer 0.28 vendors click without gettext, and typer's rich help reads its panel titles into
module constants when it is first imported. So the strings are translated here, where they
are shown: help texts when the command is built, the usage prefix and the help option in the
command classes, the rich panel titles before help or an error is printed, and click's usage
errors (already formatted in English) through their templates. The msgids of the
texts typer and click write are listed in :data:`MESSAGES` so that the catalog holds them;
:mod:`vvgctl.cli.click_messages` reads a usage error back against them (and them only).
"""

from __future__ import annotations

import re
from typing import Any

import typer.core
from typer._click.exceptions import ClickException

from vvgctl.runtime.i18n import N_, help_text, language
from vvgctl.runtime.i18n import _ as tr

#: the strings of typer and its vendored click that vvgctl's users see
MESSAGES = (
    N_("Usage: "),
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("(dynamic)"),
    N_("Missing command."),
    N_("No such command {name}."),
    N_("No such command {name}"),
    N_("{message}. Did you mean {suggestions}?"),
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Missing parameter {name}."),
    N_("No such option: {name}"),
    N_("{message} (Possible options: {options})"),
    N_("Invalid value for {name}: {message}"),
    N_("Invalid value: {message}"),
    N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    N_("Option {name} does not take a value."),
    N_("{value} is not one of {choices}."),
    N_("{value} is not in the range {range}."),
    N_("{value} is not a valid {kind}."),
    N_("{value} does not match the formats {formats}."),
    N_("{name} {filename} does not exist."),
    N_("{name} {filename} is a file."),
    N_("{name} {filename} is a directory."),
    N_("{name} {filename} is not readable."),
    N_("{name} {filename} is not writable."),
    N_("integer"),
    N_("float"),
    N_("boolean"),
)

#: words the command modules translate inside f-strings, where extraction does not look
WORDS = (N_("hint:"), N_("note:"), N_("item"), N_("OVERDUE"), N_("no errors"))

#: the commands' arguments by name, as the usage line, the help page and errors name them
#: (a test fails when a command has an argument this table does not translate)
ARGUMENT_NAMES = {
    "paths": N_("paths"),
    "path": N_("path"),
    "root": N_("root"),
    "folder": N_("folder"),
    "file": N_("file"),
    "files": N_("files"),
    "text": N_("text"),
}

#: what a parameter's value is, in the help's type column (``<datum>``, not typer's ``<str>``):
#: by the parameter's name first, then by its click type's name; choices list themselves
VALUE_NAMES = {
    "today": N_("date"),
    "at": N_("meeting"),
    "date": N_("date"),
    "date_from": N_("date"),
    "date_to": N_("date"),
    "year": N_("year"),
    "organ": N_("organ"),
    "base": N_("revision"),
    "person": N_("name"),
    "owner": N_("name"),
    "absent": N_("name"),
    "present": N_("name"),
    "remote": N_("name"),
    "case": N_("case"),
    "case_id": N_("case"),
    "item": N_("item"),
    "jobs": N_("count"),
    "limit": N_("count"),
    "base_url": N_("url"),
    "time": N_("time"),
}
TYPE_NAMES = {
    "str": N_("text"),
    "path": N_("path"),
    "file": N_("file"),
    "int": N_("integer"),
    "int range": N_("integer"),
    "float": N_("number"),
    "float range": N_("number"),
}

#: typer.rich_utils' constants and their msgids
_RICH_CONSTANTS = {
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}


def localise_rich_help() -> None:
    """Set typer's rich panel titles in the user's language (imports typer.rich_utils, which
    costs 0.1 s: call it only before help or an error is printed)."""
    from typer import rich_utils

    for name, msgid in _RICH_CONSTANTS.items():
        setattr(rich_utils, name, tr(msgid))


def localise_error(exc: Any) -> None:
    """A click usage error's message in the user's language (in place)."""
    from vvgctl.cli.click_messages import click_message

    message = click_message(exc.format_message(), MESSAGES)
    exc.format_message = lambda: message


def _localise_params(command: Any) -> None:
    command.help = literal(help_text(command.help))
    command.short_help = literal(help_text(command.short_help))
    for param in command.params:
        if getattr(param, "help", None):
            param.help = literal(help_text(param.help))
        if param.param_type_name == "argument" and param.metavar is None:
            _localise_metavar(param)
        _localise_type(param)


def _localise_metavar(argument: Any) -> None:
    """An argument's name in the user's language (``sökvägar...``); English keeps typer's."""
    msgid = ARGUMENT_NAMES.get(argument.name)
    if msgid and language() != "en":
        argument.metavar = tr(msgid) + ("..." if argument.nargs != 1 else "")


def _localise_type(param: Any) -> None:
    """The help's type column names the value in the user's language: ``<datum>``, ``<sökväg>``.

    typer prints ``<`` + the click type's name + ``>`` when the type has no metavar of its own,
    so the parameter gets a copy of its type under that name (click's types are shared)."""
    import copy

    msgid = VALUE_NAMES.get(param.name) or TYPE_NAMES.get(param.type.name)
    if msgid is None or getattr(param.type, "localised", False):
        return
    if param.type.get_metavar(param=param, ctx=None) is not None:
        return  # a choice: its values are the metavar
    param.type = copy.copy(param.type)
    param.type.name = tr(msgid)
    param.type.localised = True


#: a placeholder such as ``<organ>`` or ``<this version>``, which the help's Markdown would
#: take for an HTML tag and drop (``vvgctl==<this version>`` printed as ``vvgctl==``)
_PLACEHOLDER = re.compile(r"(?<!\\)<(?=[^<>\n`]*>)")
_CODE = re.compile(r"(`[^`]*`)")


def literal(text: str | None) -> str | None:
    """A help text whose ``<placeholders>`` print as written: escaped for typer's Markdown
    mode (``rich_markup_mode="markdown"``) outside code spans, where they are literal."""
    if not text or "<" not in text:
        return text
    pieces = _CODE.split(text)
    return "".join(p if i % 2 else _PLACEHOLDER.sub(r"\\<", p) for i, p in enumerate(pieces))


class _Localised:
    """The usage line, the help option and help pages of a command in the user's language."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=tr("Usage: "))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = tr("Show this message and exit.")
        return option

    def format_help(self, ctx: Any, formatter: Any) -> Any:
        localise_rich_help()
        _localise_params(self)  # typer adds the completion options after the group is made
        return super().format_help(ctx, formatter)  # type: ignore[misc]


class Command(_Localised, typer.core.TyperCommand):
    """A vvgctl command: its help in the user's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _localise_params(self)
        self.options_metavar = tr("[OPTIONS]")


class Group(_Localised, typer.core.TyperGroup):
    """vvgctl's group: its help and usage errors in the user's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _localise_params(self)
        self.options_metavar = tr("[OPTIONS]")
        self.subcommand_metavar = tr("COMMAND [ARGS]...")

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except ClickException as exc:
            localise_error(exc)
            localise_rich_help()
            raise
