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
from vvgctl.message import Message
from vvgctl.repository.governing_documents import load_register
from vvgctl.runtime.i18n import N_

CODE = "governing-document-ref"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR,)


def check(ctx: RepositoryContext) -> Iterator[Diagnostic]:
    named = [(fact.path, ref) for fact in ctx.facts for ref in fact.documents]
    if not named or ctx.repository is None:
        return
    loaded = load_register(ctx.repository)
    if loaded is not None and loaded.model is None:
        return  # the register's own errors are reported by the data file check
    known = [d.id for d in loaded.model.documents] if loaded and loaded.model else []
    for path, (doc_id, line, column) in named:
        if doc_id in known:
            continue
        if loaded is None:
            message = Message(
                N_("governing document {doc_id!r}: the repository has no register"),
                {"doc_id": doc_id},
            )
            hint = Message(N_("list the document in registry/documents.yaml"))
        else:
            message = Message(
                N_("governing document {doc_id!r} is not in the register"), {"doc_id": doc_id}
            )
            close = difflib.get_close_matches(doc_id, known, n=3, cutoff=0.6)
            hint = (
                Message(N_("did you mean {close}?"), {"close": ", ".join(close)})
                if close
                else Message(N_("add it to {path}"), {"path": loaded.path})
            )
        yield Diagnostic(path, line, column, Severity.ERROR, CODE, message, hint)
