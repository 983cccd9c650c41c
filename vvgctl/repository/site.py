"""The site settings (``registry/site.yaml``) as a data file kind, and as ``publish`` reads
them: each setting left out gets its default from the registry, so that no organ's or
publisher's name is written into vvgctl itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from vvgctl.errors import VvgError
from vvgctl.models.site import SiteFile
from vvgctl.repository.datafiles import DataFileKind
from vvgctl.repository.discovery import REGISTRY_DIR
from vvgctl.repository.repo import Repository
from vvgctl.runtime.i18n import N_

SITE_FILE = "site.yaml"
#: what follows the publisher's name in the site's name, unless site.yaml names the site
SITE_NAME_SUFFIX = "publicerade mötesanteckningar"

#: the site settings as a data file kind (listed by :mod:`vvgctl.checking.registry`)
KIND = DataFileKind("site", f"{REGISTRY_DIR}/{SITE_FILE}", SiteFile)


@dataclass(frozen=True)
class Site:
    """The settings ``publish`` uses, defaults filled in (``feed_id`` stays None when unset:
    its default depends on what is published, see :func:`vvgctl.publish.feed.tagging_entity`)."""

    publisher: str
    name: str
    base_url: str
    language: str
    feed_id: str | None
    #: the first organ's id, for the default feed id
    organ: str


def site_settings(repository: Repository, *, base_url: str = "") -> Site:
    """The repository's site settings; ``base_url`` (the command line's) before site.yaml's.

    A site.yaml that does not validate raises :class:`VvgError` with its first problem.
    """
    path = repository.registry_dir / SITE_FILE
    settings = SiteFile()
    if path.exists():
        loaded = repository.data(path, SiteFile)
        if loaded.model is None:
            first = loaded.diagnostics[0]
            raise VvgError(
                first.message,
                path=first.path,
                line=first.line,
                hint=N_("fix the site settings first (`vvgctl check`)"),
            )
        settings = loaded.model
    organs = repository.registry.registry.organs
    first_organ = organs[0] if organs else None
    publisher = settings.publisher or (first_organ.name if first_organ else "")
    name = settings.title or (
        f"{publisher} – {SITE_NAME_SUFFIX}" if publisher else SITE_NAME_SUFFIX.capitalize()
    )
    return Site(
        publisher=publisher,
        name=name,
        base_url=base_url or settings.base_url or "",
        language=settings.language,
        feed_id=settings.feed_id,
        organ=first_organ.id if first_organ else "minutes",
    )
