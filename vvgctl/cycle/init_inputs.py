"""The values ``vvgctl init`` writes into the new repository, validated before anything is.

They end up in YAML (the registry, the schedule, the plan), in Markdown (the README), in the
GitHub and GitLab workflows (``env:``, ``variables:``) and in shell lines a person copies, so
each is held to what it is: the organ an id, the name one line of text, and the package a PEP
508 requirement, a wheel file inside the repository or an https URL. A package never holds
quotes, ``$`` (GitHub evaluates ``${{ … }}`` in a workflow's ``env:``) or another character a
shell acts on, and whitespace only in ``name @ URL``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from vvgctl.errors import UsageError
from vvgctl.message import Message
from vvgctl.models.common import is_identifier
from vvgctl.runtime.i18n import N_

NAME_MAX = 200
#: Unicode categories that are not text: controls, format characters (bidi overrides, zero
#: widths), surrogates, private use, unassigned, and the line and paragraph separators
_NOT_TEXT = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
#: what a package may hold: a requirement's name, extras, version specifiers, a URL or a path
_PACKAGE_CHARS = re.compile(r"[A-Za-z0-9._+\-/:@\[\],<>=!~%#]+")
_WHEEL_PATH = re.compile(r"[A-Za-z0-9._+\-/]+\.whl")
PACKAGE_HINT = N_(
    "e.g. --package wheels/vvgctl-0.1.0-py3-none-any.whl (a wheel kept in the "
    'repository), --package "vvgctl @ git+https://example.org/vvgctl@<commit>" '
    'or --package "vvgctl @ https://example.org/vvgctl-0.1.0-py3-none-any.whl'
    '#sha256=<digest>"'
)


def check_organ(organ: str) -> str:
    if not is_identifier(organ):
        raise UsageError(
            Message(
                N_(
                    "organ id {organ!r}: use lower-case letters, digits and '-' (e.g. "
                    "sro, styrgrupp-hos)"
                ),
                {"organ": organ},
            )
        )
    return organ


def check_name(name: str) -> str:
    """The organ's name: one line of printable text (it goes into YAML, comments included,
    and into the README's heading)."""
    shown = name.strip()
    bad = next((c for c in shown if unicodedata.category(c) in _NOT_TEXT), None)
    if not shown or bad is not None or len(shown) > NAME_MAX:
        raise UsageError(
            Message(
                N_(
                    "--name {name!r}: the organ's name is one line of text, without "
                    "control characters"
                ),
                {"name": name},
            ),
            hint=Message(
                N_('e.g. --name "Styrgrupp för hälso- och sjukvård" (at most {count} characters)'),
                {"count": NAME_MAX},
            ),
        )
    return shown


def _https_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme == "https" and bool(parts.hostname) and "@" not in parts.netloc


def _git_at_commit(value: str) -> bool:
    """``git+https://host/path@<40 hex digits>``: a repository at one commit (a branch or a
    tag may move, so neither is taken)."""
    url, _, commit = value.removeprefix("git+").rpartition("@")
    return (
        value.startswith("git+https://")
        and _https_url(url)
        and bool(re.fullmatch(r"[0-9a-f]{40}", commit))
    )


def check_package(package: str) -> str:
    """What CI and pre-commit install: ``vvgctl @ git+https://…@<commit>``, ``vvgctl @
    https://…`` (any PEP 508 requirement without markers, ``vvgctl==0.1.0`` too), a wheel path
    inside the repository or an https URL."""
    from packaging.requirements import InvalidRequirement, Requirement

    spaced = package.count(" @ ") == 1
    bare = package.replace(" @ ", "@", 1) if spaced else package
    if "${{" in package or not _PACKAGE_CHARS.fullmatch(bare):
        raise UsageError(
            Message(
                N_(
                    "--package {package!r}: quotes, spaces, '$' and other characters "
                    "a shell or a CI workflow acts on are not allowed"
                ),
                {"package": package},
            ),
            hint=PACKAGE_HINT,
        )
    if not spaced and re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", package):
        ok = _https_url(package)
    elif not spaced and package.endswith(".whl"):
        path = PurePosixPath(package)
        ok = (
            bool(_WHEEL_PATH.fullmatch(package))
            and not path.is_absolute()
            and ".." not in path.parts
        )
    else:
        try:
            requirement = Requirement(package)
        except InvalidRequirement:
            ok = False
        else:
            ok = requirement.marker is None and (
                requirement.url is None
                or _https_url(requirement.url)
                or _git_at_commit(requirement.url)
            )
    if not ok:
        raise UsageError(
            Message(
                N_(
                    "--package {package!r} is not a requirement, a wheel file in the "
                    "repository or an https URL"
                ),
                {"package": package},
            ),
            hint=PACKAGE_HINT,
        )
    return package
