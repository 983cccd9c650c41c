"""What ``vvgctl publish`` refuses before it writes anything: a public address that is not an
http(s) URL (it goes into every link of the feed and the sitemap), and, with ``--force``, a
file of someone else's where the site would write one.

``--force`` publishes into a folder that holds other files, and those files are kept: only a
file an earlier publish wrote (one its manifest lists) is ever replaced. A file of the user's
at a path of the site (``index.html``, a meeting's page, anything in the site's own folders)
is refused by name, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from vvgctl.errors import UsageError
from vvgctl.message import Message
from vvgctl.publish.manifest import Manifest
from vvgctl.publish.pages import ARSHJUL_PATH, CASES_PATH, FEED_PATH, REGISTER_PATH
from vvgctl.runtime.i18n import N_

#: the site's files at its top, and its folders (every file in them is the site's)
SITE_FILES = ("index.html", FEED_PATH, "sitemap.xml", REGISTER_PATH, ARSHJUL_PATH, CASES_PATH)
SITE_FOLDERS = ("static", "arenden", "arshjul", "kalender")
#: what an address in XML and HTML attributes must not hold (RFC 3986 never allows them)
_NOT_IN_URL = set(' "<>\\^`{|}')
SHOWN = 5


def check_base_url(base_url: str) -> str:
    """``base_url`` when it is empty (relative addresses) or an http(s) URL with a host."""
    if not base_url:
        return base_url
    parts = urlsplit(base_url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or "@" in parts.netloc
        or any(c in _NOT_IN_URL or not c.isprintable() for c in base_url)
    ):
        raise UsageError(
            Message(
                N_("--base-url {base_url!r} is not an http(s) address"), {"base_url": base_url}
            ),
            hint=N_(
                "give the site's public address, e.g. --base-url https://example.org/protokoll/"
            ),
        )
    return base_url


def _site_paths(out: Path, slugs: Iterable[str]) -> list[str]:
    """The paths in ``out`` that publish may write and that hold something now."""
    names = [*SITE_FILES, *(slug + ext for slug in slugs for ext in (".html", ".pdf"))]
    found = [name for name in names if (out / name).exists() or (out / name).is_symlink()]
    for folder in SITE_FOLDERS:
        top = out / folder
        if top.is_dir() and not top.is_symlink():
            found += [
                p.relative_to(out).as_posix()
                for p in sorted(top.rglob("*"))
                if not p.is_dir() or p.is_symlink()
            ]
        elif top.exists() or top.is_symlink():
            found.append(folder)
    return found


def refuse_foreign_files(out: Path, manifest: Manifest, slugs: Iterable[str]) -> None:
    """A :class:`UsageError` naming the files at the site's paths that no earlier publish
    wrote (the manifest does not list them)."""
    if not out.is_dir():
        return
    foreign = sorted({p for p in _site_paths(out, slugs) if p not in manifest.outputs})
    if foreign:
        shown = ", ".join(foreign[:SHOWN]) + (" …" if len(foreign) > SHOWN else "")
        raise UsageError(
            Message(
                N_(
                    "{out}: {count} files that vvgctl did not publish stand where the "
                    "site goes ({shown}); nothing was written"
                ),
                {"out": out, "count": len(foreign), "shown": shown},
            ),
            hint=N_(
                "move them away or publish into another --out: --force "
                "replaces only files an earlier publish wrote"
            ),
        )
