"""governing-document-ref: a position names governing documents that the register lists.

``decisions[].governing_documents`` holds ids of ``registry/documents.yaml``. An id the register
does not list is an error (with the closest ids as a suggestion); so is any such id when the
repository has no register at all.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from vvgctl.checking.rules.base import RepositoryContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.models.item import Decision
from vvgctl.source.loading import LoadedMeeting

CODE = "governing-document-ref"


def facts(loaded: LoadedMeeting) -> tuple[tuple[str, int, int], ...]:
    """(document id, line, column) per id that a position of the meeting names."""
    meeting = loaded.model
    if meeting is None:
        return ()
    found: list[tuple[str, int, int]] = []
    for i, item in enumerate(meeting.items):
        contents: list[tuple[tuple[str | int, ...], list[Decision]]] = [
            (("items", i), item.decisions)]
        contents += [(("items", i, "subitems", s), sub.decisions)
                     for s, sub in enumerate(item.subitems)]
        for base, decisions in contents:
            for d, decision in enumerate(decisions):
                for k, doc_id in enumerate(decision.governing_documents):
                    found.append((doc_id, *loaded.at(*base, "decisions", d,
                                                     "governing_documents", k)))
    return tuple(found)


def check(ctx: RepositoryContext) -> Iterator[Diagnostic]:
    named = [(fact.path, ref) for fact in ctx.facts for ref in fact.documents]
    if not named or ctx.root is None:
        return
    from vvgctl.repository.governing_documents import load_register

    loaded = load_register(ctx.root)
    if loaded is not None and loaded.model is None:
        return  # the register's own errors are reported by the data file check
    known = [d.id for d in loaded.model.documents] if loaded and loaded.model else []
    for path, (doc_id, line, column) in named:
        if doc_id in known:
            continue
        if loaded is None:
            message = f"governing document {doc_id!r}: the repository has no register"
            hint = "list the document in registry/documents.yaml"
        else:
            message = f"governing document {doc_id!r} is not in the register"
            close = difflib.get_close_matches(doc_id, known, n=3, cutoff=0.6)
            hint = (f"did you mean {', '.join(close)}?" if close
                    else f"add it to {loaded.path}")
        yield Diagnostic(path, line, column, Severity.ERROR, CODE, message, hint)
