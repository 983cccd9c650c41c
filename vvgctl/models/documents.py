"""The register of county-wide governing documents (länsgemensamma styrdokument).

About 40 riktlinjer, rutiner and överenskommelser are in force at a time; each is adopted,
reviewed, revised or retired (seed 002). The register, ``registry/documents.yaml``, lists them;
a position names the ones it concerns in ``decisions[].governing_documents``.
"""

from __future__ import annotations

import datetime as dt
import enum

from pydantic import Field, model_validator

from vvgctl.message import Message
from vvgctl.models.common import Identifier, Link, Model
from vvgctl.runtime.i18n import N_


class DocumentType(str, enum.Enum):
    GUIDELINE = "guideline"
    ROUTINE = "routine"
    AGREEMENT = "agreement"
    OTHER = "other"


DOCUMENT_TYPE_LABELS = {
    DocumentType.GUIDELINE: "Riktlinje",
    DocumentType.ROUTINE: "Rutin",
    DocumentType.AGREEMENT: "Överenskommelse",
    DocumentType.OTHER: "Övrigt styrdokument",
}


class DocumentStatus(str, enum.Enum):
    DRAFTING = "drafting"
    CONSULTATION = "consultation"
    IN_FORCE = "in_force"
    UNDER_REVISION = "under_revision"
    RETIRED = "retired"


DOCUMENT_STATUS_LABELS = {
    DocumentStatus.DRAFTING: "Under framtagande",
    DocumentStatus.CONSULTATION: "Synpunktsrunda",
    DocumentStatus.IN_FORCE: "Gällande",
    DocumentStatus.UNDER_REVISION: "Under revidering",
    DocumentStatus.RETIRED: "Upphävd",
}


class GoverningDocument(Model):
    """One county-wide riktlinje, rutin or överenskommelse."""

    id: Identifier = Field(title="Id", description="Kort id som ställningstaganden hänvisar till")
    title: str = Field(min_length=2, title="Titel")
    type: DocumentType = Field(title="Typ")
    status: DocumentStatus = Field(title="Status")
    adopted: dt.date | None = Field(None, title="Antagen", description="Senaste antagandet")
    adopted_by: Identifier | None = Field(None, title="Antagen av", description="Organets id")
    review_due: dt.date | None = Field(None, title="Revideras senast")
    owner: str | None = Field(None, title="Ansvarig", description="Grupp eller person")
    link: Link | None = Field(None, title="Länk")
    replaces: list[Identifier] = Field(default_factory=list, title="Ersätter")
    note: str | None = Field(None, title="Anmärkning")

    @model_validator(mode="after")
    def _review_after_adoption(self) -> GoverningDocument:
        if self.adopted and self.review_due and self.review_due < self.adopted:
            raise ValueError(
                Message(
                    N_(
                        "the review is due ({review_due}) before the document was "
                        "adopted ({adopted})"
                    ),
                    {"review_due": self.review_due, "adopted": self.adopted},
                )
            )
        return self


class DocumentsFile(Model):
    """``registry/documents.yaml``: the register of county-wide governing documents."""

    documents: list[GoverningDocument] = Field(default_factory=list, title="Styrdokument")

    @model_validator(mode="after")
    def _unique(self) -> DocumentsFile:
        seen: set[str] = set()
        for document in self.documents:
            if document.id in seen:
                raise ValueError(
                    Message(N_("document id {id!r} is listed twice"), {"id": document.id})
                )
            seen.add(document.id)
        known = seen
        for document in self.documents:
            for old in document.replaces:
                if old not in known:
                    raise ValueError(
                        Message(
                            N_("{id}: replaces unknown document {old!r}"),
                            {"id": document.id, "old": old},
                        )
                    )
        return self
