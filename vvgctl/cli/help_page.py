"""``vvgctl --help``: the top-level help page, drawn with plain rich as typer draws it.

typer's rich help (:func:`typer.rich_utils.rich_format_help`) imports ``typer.rich_utils``,
which imports rich's Markdown (markdown-it), traceback (pygments) and pretty printer (attrs):
about the cost of starting Python with vvgctl's dependencies once more, for a page of text
(issue 27). This module draws the same page from the same rich parts (console, panels, tables,
columns, the same styles and highlighters) and draws each help text as rich's Markdown draws a
text without Markdown: paragraphs, line breaks as spaces, ```code``` spans. A text holding
anything else, or a page with what typer would add and this does not draw (arguments, panels of
their own, defaults, environment variables, required options, an epilog, rich markup mode
``rich``), is left to typer: :func:`print_group_help` then prints nothing and returns False.
tests/test_start.py holds the page byte for byte to typer's, in both languages, in colour and
without, at several widths.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from os import getenv
from typing import Any, ClassVar

import typer.core
from rich.align import Align
from rich.columns import Columns
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.emoji import Emoji
from rich.highlighter import RegexHighlighter
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from vvgctl.runtime.i18n import _ as tr

# typer.rich_utils' styles, console settings and highlighters (typer 0.28), as it sets them
_THEME = {
    "option": "bold cyan",
    "switch": "bold green",
    "negative_option": "bold magenta",
    "negative_switch": "bold red",
    "types": "bold yellow",
    "types_sep": "dim",
    "usage": "yellow",
}


class _OptionHighlighter(RegexHighlighter):
    highlights: ClassVar[list[str]] = [
        r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
        r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
        r"(?P<types>\<[^\>]+\>)",
        r"(?P<usage>Usage: )",
    ]


class _NegativeOptionHighlighter(RegexHighlighter):
    highlights: ClassVar[list[str]] = [
        r"(^|\W)(?P<negative_switch>\-\w+)(?![a-zA-Z0-9])",
        r"(^|\W)(?P<negative_option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
    ]


class _TypesHighlighter(RegexHighlighter):
    highlights: ClassVar[list[str]] = [
        r"^(?P<types_sep>(\[|<))",
        r"(?P<types_sep>\|)",
        r"(?P<types_sep>(\]|>))(\.\.\.)?$",
    ]


_highlighter = _OptionHighlighter()
_negative_highlighter = _NegativeOptionHighlighter()
_types_highlighter = _TypesHighlighter()

#: what Markdown reads as more than paragraphs and code spans, anywhere in a text or at the
#: start of a line (lists, quotes, headings, rules, indented code, hard breaks)
_MARKDOWN = re.compile(r"[\\*_\[\]<>&#!|~]|``|^\s*([-+*>=]|\d+[.)])|^ {4}| $|\t", re.MULTILINE)


def _console() -> Console:
    width = getenv("TERMINAL_WIDTH")
    force = (
        True if getenv("GITHUB_ACTIONS") or getenv("FORCE_COLOR") or getenv("PY_COLORS") else None
    )
    if getenv("_TYPER_FORCE_DISABLE_TERMINAL"):
        force = False
    return Console(
        theme=Theme(_THEME),
        highlighter=_highlighter,
        color_system="auto",
        force_terminal=force,
        width=int(width) if width else None,
    )


class _Prose:
    """A help text as rich's ``Markdown(text, style=style)`` draws it, for a text of paragraphs
    and code spans (:func:`_prose` says which texts are). Like Markdown it has no measure of
    its own, so tables and columns size it as they size Markdown."""

    def __init__(self, text: str, style: str) -> None:
        self.paragraphs = [_pieces(p.strip()) for p in re.split(r"\n\s*\n", text.strip())]
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        base = console.get_style(self.style, default="none")
        options = options.update(height=None)
        prose = base + console.get_style("markdown.paragraph", default="none")
        code = prose + console.get_style("markdown.code", default="none")
        for number, pieces in enumerate(self.paragraphs):
            if number:
                yield Segment.line()
            text = Text(justify="left")
            for piece, is_code in pieces:
                text.append(piece, code if is_code else prose)
            yield from console.render(text, options)


def _pieces(paragraph: str) -> list[tuple[str, bool]]:
    """A paragraph as Markdown's tokens: text, a line break (a space), code."""
    pieces: list[tuple[str, bool]] = []
    for number, part in enumerate(paragraph.split("`")):
        if number % 2:
            pieces.append((part, True))
            continue
        for line_number, line in enumerate(part.split("\n")):
            if line_number:
                pieces.append((" ", False))
            line = line.lstrip() if line_number else line
            if line:
                pieces.append((line, False))
    return pieces


def _prose(text: str, style: str = "") -> _Prose | None:
    """typer's ``_make_rich_text`` in Markdown mode, or None for a text that is more than
    paragraphs and code spans."""
    text = Emoji.replace(inspect.cleandoc(text))
    if _MARKDOWN.search(text) or text.count("`") % 2:
        return None
    if any(part != part.strip() or "\n" in part for part in text.split("`")[1::2]):
        return None
    return _Prose(text, style)


class _Fallback(Exception):
    """The page holds what this module does not draw as typer does."""


def _need(renderable: _Prose | None) -> _Prose:
    if renderable is None:
        raise _Fallback
    return renderable


def _help_text(obj: Any) -> Group:
    first, *rest = inspect.cleandoc(obj.help or "").partition("\f")[0].split("\n\n")
    parts: list[RenderableType] = [_need(_prose(first.strip()))]
    if rest:
        parts += [Text(""), _need(_prose("\n\n".join(rest), "dim"))]
    return Group(*parts)


def _option_row(param: Any, ctx: Any) -> list[RenderableType]:
    """typer's row of the options panel for an option that shows no default, environment
    variable, range nor required mark."""
    if (
        not isinstance(param, typer.core.TyperOption)
        or param.required
        or param.envvar
        or ctx.auto_envvar_prefix is not None
        or param.secondary_opts
        or isinstance(param.type, typer._click.types._NumberRangeBase)
    ):
        raise _Fallback
    default = param._extract_default_help_str(ctx=ctx)
    shown = isinstance(param.show_default, str)
    if (
        shown or (default is not None and (param.show_default or ctx.show_default))
    ) and param._get_default_string(ctx=ctx, show_default_is_str=shown, default_value=default):
        raise _Fallback
    metavar = param.make_metavar(ctx=ctx)
    types = Text(style="bold yellow", overflow="fold")
    if metavar and "bool" not in metavar.lower():
        types.append(metavar)
    items: list[RenderableType] = []
    if param.help:
        text = "\n".join(param.help.split("\n\n")).strip()
        items.append(_need(_prose(text)))
    return [
        _highlighter(",".join(o for o in param.opts if "--" in o)),
        _highlighter(",".join(o for o in param.opts if "--" not in o)),
        _negative_highlighter(""),
        _negative_highlighter(""),
        _types_highlighter(types),
        Columns(items),
    ]


def _panel(table: Table, title: str) -> Panel:
    return Panel(table, border_style="dim", title=title, title_align="left")


def _table(highlight: bool) -> Table:
    return Table(
        highlight=highlight,
        show_header=False,
        expand=True,
        box=None,
        show_lines=False,
        leading=0,
        border_style=None,
        row_styles=None,
        pad_edge=False,
        padding=(0, 1),
    )


def print_group_help(obj: Any, ctx: Any) -> bool:
    """Print the help of vvgctl's group as ``typer.rich_utils.rich_format_help`` does (the
    panel titles in the user's language); False, having printed nothing, when it would not
    be the same page."""
    if not typer.core.HAS_RICH or obj.rich_markup_mode != "markdown" or obj.epilog:
        return False
    try:
        help_text = _help_text(obj) if obj.help else None
        params = [p for p in obj.get_params(ctx) if not getattr(p, "hidden", False)]
        if any(getattr(p, "rich_help_panel", None) for p in params):
            return False
        options = _table(highlight=True)
        for param in params:
            options.add_row(*_option_row(param, ctx))
        commands_table = _table(highlight=False)
        commands = [obj.get_command(ctx, name) for name in obj.list_commands(ctx)]
        commands = [c for c in commands if c and not c.hidden]
        if any(c.deprecated or getattr(c, "rich_help_panel", None) for c in commands):
            return False
        commands_table.add_column(
            style="bold cyan",
            no_wrap=True,
            width=max((len(c.name or "") for c in commands), default=0),
        )
        commands_table.add_column("Description", justify="left", no_wrap=False, ratio=10)
        for command in commands:
            line = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
            if line.startswith("\b"):
                return False
            commands_table.add_row(
                Text(command.name or ""), _need(_prose(line.replace("\n", " ").strip()))
            )
    except _Fallback:
        return False
    console = _console()
    console.print(Padding(_highlighter(obj.get_usage(ctx)), 1), style="bold")
    if help_text is not None:
        console.print(Padding(Align(help_text, pad=False), (0, 1, 1, 1)))
    if params:
        console.print(_panel(options, tr("Options")))
    if commands:
        console.print(_panel(commands_table, tr("Commands")))
    return True
