"""The årshjul as text: cell lines shared by every format, and the Markdown table.

The Markdown is laid out like the årshjul of the minutes (seed 000, item 10): a column per
meeting, a row per category, the topics of a cell separated by semicolons (a pipe table keeps one
line per row). What the minutes' follow-ups added, and each schedule change, are listed under it.
"""

from __future__ import annotations

from vvgctl.arshjul.model import Arshjul, Column, Topic, TopicStatus


def column_heading(column: Column) -> str:
    label = column.label()
    if column.entry is not None and column.entry.tentative:
        label += " (prel.)"
    return label


def topic_text(topic: Topic) -> str:
    """A topic as a cell shows it: its title, and whether it was held."""
    if topic.status is TopicStatus.HELD:
        return f"{topic.title} (behandlat, punkt {topic.held_item})"
    if topic.status is TopicStatus.SLIPPED:
        return f"{topic.title} (ej behandlat)"
    return topic.title


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def follow_up_lines(arshjul: Arshjul) -> list[str]:
    """One line per follow-up set in minutes: where it goes, what it says, where it was set."""
    lines = []
    for column in arshjul.columns:
        for topic in column.topics:
            for origin in topic.follow_ups:
                where = (
                    f"{origin.meeting.isoformat()}, punkt {origin.item}"
                    if origin.meeting
                    else origin.path
                )
                joined = "" if topic.from_follow_up_only else f' (under "{topic.title}")'
                lines.append(f"{column.label()}: {origin.text}{joined} – mötet {where}")
    return lines


def change_lines(arshjul: Arshjul) -> list[str]:
    return [
        f"{c.label()}: {c.entry.change}"
        for c in arshjul.columns
        if c.entry is not None and c.entry.change
    ]


def to_markdown(arshjul: Arshjul, *, for_print: bool = False) -> str:
    """The årshjul as a Markdown pipe table with its notes.

    ``for_print`` marks the table for the rendering pipeline's compact table layout (small
    type, hyphenation), for the PDF; the plain form goes into minutes as written information.
    """
    # in print a heading (the PDF's outline and its H1 tag); in minutes a bold line
    title = f"{arshjul.title}** – {arshjul.organ_name}"
    out = [f"# **{title}" if for_print else f"**{title}", ""]
    if not arshjul.columns:
        out.append("Inga möten är planerade för perioden.")
        return "\n".join(out) + "\n"
    if for_print:
        out += ["::: doc-table", ""]
    out.append("| | " + " | ".join(_cell(column_heading(c)) for c in arshjul.columns) + " |")
    out.append("|---|" + "---|" * len(arshjul.columns))
    for row in arshjul.rows:
        cells = ["; ".join(topic_text(t) for t in arshjul.cell(c, row.id)) for c in arshjul.columns]
        out.append(f"| **{_cell(row.name)}** | " + " | ".join(_cell(c) for c in cells) + " |")
    if for_print:
        out += ["", ":::"]
    follow_ups = follow_up_lines(arshjul)
    if follow_ups:
        out += ["", "Uppföljningar beslutade i tidigare mötesanteckningar:", ""]
        out += [f"- {_escape_line(line)}" for line in follow_ups]
    changes = change_lines(arshjul)
    if changes:
        out += ["", "Ändrade mötestider:", ""]
        out += [f"- {_escape_line(line)}" for line in changes]
    undated = [c.label() for c in arshjul.columns if c.date is None]
    if undated:
        out += ["", "Datum ännu inte fastställt: " + ", ".join(undated) + "."]
    return "\n".join(out) + "\n"


def _escape_line(text: str) -> str:
    return text.replace("\n", " ")
