"""The rows the query index keeps of one meeting file, as plain values (cheap to pickle: the
workers that parse the meetings hand them back, see :mod:`vvgctl.index.extract`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MeetingRecord:
    """The index rows of one file. ``valid`` is False when the file does not validate."""

    path: str
    organ: str = ""
    date: str = ""
    status: str = ""
    valid: bool = False
    #: of the file's bytes ("" when it could not be read)
    sha256: str = ""
    # (item, title, kind, case, presenters, line, has_position)
    items: list[tuple[str, str, str, str | None, str, int, bool]] = field(default_factory=list)
    # (item, title, type, label, text, parts_json, after_dialog, confirm_by, deadline,
    #  documents_json, case, presenters, line, norm)
    decisions: list[
        tuple[
            str,
            str,
            str,
            str,
            str,
            str,
            bool,
            str | None,
            str | None,
            str,
            str | None,
            str,
            int,
            str,
        ]
    ] = field(default_factory=list)
    # (item, action_id, text, label, owner, owner_group, due, due_meeting, case, line)
    actions: list[
        tuple[
            str,
            str | None,
            str,
            str | None,
            str | None,
            str | None,
            str | None,
            str | None,
            str | None,
            int,
        ]
    ] = field(default_factory=list)
    # (item, action_id, line)
    closes: list[tuple[str, str, int]] = field(default_factory=list)
    # (item, text, meeting, organ, case, line)
    follow_ups: list[tuple[str, str, str, str | None, str | None, int]] = field(
        default_factory=list
    )
    # (kind, item, title, line, text in NFC): SQLite's own tokenizer cuts the text
    # into words for the search index (see vvgctl.index.vocab); nothing is stemmed here
    passages: list[tuple[str, str | None, str | None, int, str]] = field(default_factory=list)
    #: each passage's (text id, digest) when they were reckoned where the file was parsed (a
    #: worker): see :func:`vvgctl.index.rows.project`; empty, they are reckoned as inserted
    keys: list[tuple[int, int]] = field(default_factory=list)
