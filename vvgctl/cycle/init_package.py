"""What an organ's CI and pre-commit install: vvgctl by an exact reference (issue 29).

Three kinds are exact: the source repository at a commit (``vvgctl @ git+https://…@<sha>``), a
wheel at an https URL with its ``#sha256=``, and a wheel kept in the organ's repository. The
default is the first, built from what the installed distribution's own metadata records (read
with :mod:`importlib.metadata`, never made up):

- pip's ``direct_url.json`` (PEP 610) of an install from git gives the repository and the
  commit; of an install of a wheel from an https URL, the URL and the wheel's sha256;
- ``Project-URL`` (pyproject's ``[project.urls]``, a label such as Source or Repository) gives
  the repository of an editable install from a git checkout, whose commit is the checkout's
  ``HEAD`` when the work tree is clean.

When neither says where this vvgctl can be fetched, there is no default and ``init`` asks for
``--package``. A bare name pinned on a package index (``vvgctl==0.1.0``) is taken only when
given, with a note: whoever registers the name there decides what it installs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from vvgctl.errors import VvgError
from vvgctl.repository import git

DIST = "vvgctl"
#: Project-URL labels that name the source repository (normalised as PEP 753 does)
SOURCE_LABELS = ("source", "sourcecode", "repository", "code", "github", "gitlab", "homepage")
_COMMIT = re.compile(r"[0-9a-f]{40}")
_GIT = re.compile(r"vvgctl @ git\+(?P<url>https://[^@\s]+)@(?P<rev>[0-9a-f]{40})")


@dataclass(frozen=True)
class Pin:
    """How a package value installs, for the templates: ``git`` (a repository at a commit, also
    usable as pre-commit's ``repo:``/``rev:``), ``wheel`` (a file in the repository),
    ``url`` (a wheel at a URL) or ``index`` (a name on a package index)."""

    kind: str
    repo: str | None = None
    rev: str | None = None


def pin_of(package: str) -> Pin:
    if (found := _GIT.fullmatch(package)) is not None:
        return Pin("git", found["url"], found["rev"])
    if "://" not in package and package.endswith(".whl"):
        return Pin("wheel")
    return Pin("url" if "://" in package else "index")


def _label(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def project_url(dist: metadata.Distribution) -> str | None:
    """The source repository's https address from the metadata's ``Project-URL`` fields."""
    urls: dict[str, str] = {}
    for field in dist.metadata.get_all("Project-URL") or []:
        label, _, url = field.partition(",")
        url = url.strip().removesuffix("/")
        if urlsplit(url).scheme == "https" and urlsplit(url).hostname:
            urls.setdefault(_label(label), url)
    return next((urls[label] for label in SOURCE_LABELS if label in urls), None)


def _checkout_head(folder: Path) -> str | None:
    """The commit of a clean git work tree at ``folder``, else None."""
    try:
        head = git.run(folder, "rev-parse", "HEAD").decode("ascii", "replace").strip()
        changed = git.dirty(folder)
    except VvgError:  # not a git work tree, or no git
        return None
    return head if _COMMIT.fullmatch(head) and not changed else None


def source_package(dist: metadata.Distribution) -> str | None:
    """The exact reference this installed vvgctl came from, or None when its metadata does
    not say (see the module's docstring)."""
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    url = str(direct.get("url", ""))
    vcs = direct.get("vcs_info") or {}
    if (
        vcs.get("vcs") == "git"
        and url.startswith("https://")
        and _COMMIT.fullmatch(str(vcs.get("commit_id", "")))
    ):
        return f"{DIST} @ git+{url.removesuffix('/')}@{vcs['commit_id']}"
    digest = ((direct.get("archive_info") or {}).get("hashes") or {}).get("sha256")
    if url.startswith("https://") and url.endswith(".whl") and digest:
        return f"{DIST} @ {url}#sha256={digest}"
    repository = project_url(dist)
    if repository is None:
        return None
    if (direct.get("dir_info") or {}).get("editable") and url.startswith("file://"):
        commit = _checkout_head(Path(unquote(urlsplit(url).path)))
        if commit is not None:
            return f"{DIST} @ git+{repository}@{commit}"
    return None


def installed() -> metadata.Distribution | None:
    try:
        return metadata.distribution(DIST)
    except metadata.PackageNotFoundError:
        return None
