"""Every ``--format`` of every command, in one place, keyed by the command's name.

A command's module imports its formats from here; what each format makes is the command's
(the årshjul's exporters: :data:`vvgctl.cli.arshjul.EXPORTS`; the reporters of ``check``:
:mod:`vvgctl.cli.reporters`; the tables of the queries: :mod:`vvgctl.cli.tabular`).
"""

from __future__ import annotations

import enum


class OutputFormat(str, enum.Enum):
    """``check``: its diagnostics."""

    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


class TableFormat(str, enum.Enum):
    """The queries (``decisions``, ``cases``, ``actions``, ``documents``, ``search``, ...)."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"


class RenderFormat(str, enum.Enum):
    pdf = "pdf"
    html = "html"
    docx = "docx"


class ReviewFormat(str, enum.Enum):
    text = "text"
    md = "md"
    json = "json"


class RulesFormat(str, enum.Enum):
    text = "text"
    json = "json"


class ImportFormat(str, enum.Enum):
    text = "text"
    json = "json"


class ArshjulFormat(str, enum.Enum):
    table = "table"
    md = "md"
    svg = "svg"
    pdf = "pdf"
    ics = "ics"
    json = "json"


class ShowFormat(str, enum.Enum):
    text = "text"
    json = "json"


#: the formats of each command that has a ``--format``, by the command's name
FORMATS: dict[str, type[enum.Enum]] = {
    "check": OutputFormat,
    "render": RenderFormat,
    "review": ReviewFormat,
    "rules": RulesFormat,
    "import": ImportFormat,
    "arshjul": ArshjulFormat,
    "show": ShowFormat,
    **{
        name: TableFormat
        for name in ("decisions", "cases", "case", "actions", "documents", "search", "summary")
    },
}
