"""The governing-documents register as a data file kind, and its listing.

``vvgctl check`` validates ``registry/documents.yaml`` (its :data:`KIND`, listed by
:mod:`vvgctl.checking.registry`) and cross-checks it: ``adopted_by`` must be an
organ of the registry. The rule ``governing-document-ref``
checks that positions name known documents.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any, Protocol

from pydantic import BaseModel

from vvgctl.diagnostics import Diagnostic, RuleCode
from vvgctl.errors import VvgError
from vvgctl.message import Message
from vvgctl.models.documents import (
    DOCUMENT_STATUS_LABELS,
    DOCUMENT_TYPE_LABELS,
    DocumentsFile,
    DocumentStatus,
    GoverningDocument,
)
from vvgctl.repository.datafiles import DataFileKind
from vvgctl.repository.discovery import REGISTRY_DIR
from vvgctl.repository.repo import DOCUMENTS_FILE, Repository
from vvgctl.runtime.i18n import N_
from vvgctl.source.loading import Loaded


def _cross_check(loaded: Loaded[BaseModel], repository: Repository) -> list[Diagnostic]:
    assert isinstance(loaded.model, DocumentsFile)
    found = []
    organs = repository.registry.organ_ids()
    for index, document in enumerate(loaded.model.documents):
        if document.adopted_by and document.adopted_by not in organs:
            found.append(
                loaded.error(
                    "registry-ref",
                    Message(
                        N_("{id}: unknown organ {adopted_by!r}"),
                        {"id": document.id, "adopted_by": document.adopted_by},
                    ),
                    "documents",
                    index,
                    "adopted_by",
                    hint=Message(N_("known organs: {organs}"), {"organs": ", ".join(organs)}),
                )
            )
    return found


#: the register as a data file kind (listed by :mod:`vvgctl.checking.registry`)
KIND = DataFileKind(
    "documents",
    f"{REGISTRY_DIR}/{DOCUMENTS_FILE}",
    DocumentsFile,
    (_cross_check,),
    codes=(RuleCode("registry-ref", N_("a document's adopted_by names a known organ")),),
)


def load_register(repository: Repository) -> Loaded[DocumentsFile] | None:
    """The register, or None when the repository has none."""
    path = repository.documents_path()
    if not path.exists():
        return None
    return repository.data(path, DocumentsFile)


class PositionIndex(Protocol):
    """What :func:`list_documents` reads of the query index (:class:`vvgctl.index.Index`,
    a layer above): its positions in SQL, the repository it indexes, paths as shown."""

    @property
    def connection(self) -> sqlite3.Connection: ...

    @property
    def repository(self) -> Repository: ...

    def shown(self, path: str) -> str: ...


def _valid_register(repository: Repository) -> tuple[Loaded[DocumentsFile], DocumentsFile]:
    """The register and its model; an error when it is missing or not valid."""
    loaded = load_register(repository)
    if loaded is None:
        raise VvgError(
            Message(
                N_("{documents_path}: there is no register of governing documents"),
                {"documents_path": repository.documents_path()},
            ),
            hint=N_("create it with a list 'documents:' (see `vvgctl schema`)"),
        )
    if loaded.model is None:
        first = loaded.diagnostics[0] if loaded.diagnostics else None
        raise VvgError(
            Message(
                N_("the register of governing documents is not valid: {problem}"),
                {"problem": first.message},
            )
            if first
            else N_("the register of governing documents is not valid"),
            path=loaded.path,
            line=first.line if first else None,
            hint=N_("run `vvgctl check` for every problem"),
        )
    return loaded, loaded.model


def _latest_positions(index: PositionIndex) -> dict[str, dict[str, Any]]:
    """The latest position that names each document, by the document's id."""
    import json

    latest: dict[str, dict[str, Any]] = {}
    for path, organ, date, item, type_, text, documents, line in index.connection.execute(
        "SELECT f.path, d.organ, d.date, d.item, d.type, d.text, d.documents, d.line "
        "FROM decisions d JOIN files f ON f.id = d.file_id WHERE d.documents != '[]' "
        "ORDER BY d.date, d.seq"
    ):
        for doc_id in json.loads(documents):
            latest[doc_id] = {
                "organ": organ,
                "date": date,
                "item": item,
                "type": type_,
                "text": text,
                "file": index.shown(path),
                "line": line,
            }
    return latest


def _overdue(document: GoverningDocument, day: dt.date) -> bool:
    """Whether the document's review is due before ``day`` (a retired one never is)."""
    return bool(
        document.review_due
        and document.review_due < day
        and document.status is not DocumentStatus.RETIRED
    )


def list_documents(
    index: PositionIndex, *, today: dt.date | None = None, overdue_only: bool = False
) -> list[dict[str, Any]]:
    """The register's documents, each with its latest position and whether review is overdue."""
    loaded, register = _valid_register(index.repository)
    latest = _latest_positions(index)
    day = today or dt.date.today()
    rows = []
    for position, document in enumerate(register.documents):
        overdue = _overdue(document, day)
        if overdue_only and not overdue:
            continue
        rows.append(
            {
                "id": document.id,
                "title": document.title,
                "type": document.type.value,
                "type_label": DOCUMENT_TYPE_LABELS[document.type],
                "status": document.status.value,
                "status_label": DOCUMENT_STATUS_LABELS[document.status],
                "adopted": document.adopted.isoformat() if document.adopted else None,
                "adopted_by": document.adopted_by,
                "review_due": document.review_due.isoformat() if document.review_due else None,
                "overdue": overdue,
                "latest_position": latest.get(document.id),
                "file": loaded.path,
                "line": loaded.at("documents", position, "id")[0],
            }
        )
    return rows
