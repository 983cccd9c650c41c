"""No organ's name is built into vvgctl: the package and the templates name no organ.

The names on documents come from the registry (``registry/organs.yaml``) and the site's
settings (``registry/site.yaml``); the bundled ``minutes/`` (VVG's own repository, the
README's example) and the tests may name VVG. The search is case-insensitive, for
"Vårdsamverkan", "vardsamverkan" and the word "VVG" (``vvgctl`` and ``VvgError`` are the
tool's own names, not the organ's).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCHED = ("vvgctl", "templates")
NAME = re.compile(r"vårdsamverkan|vardsamverkan|\bvvg\b", re.IGNORECASE)

#: the bundled example's organ id, as help texts and docstrings use it in commands that run on
#: the bundled minutes/ (`--organ vvg`, `minutes/vvg/2025/…`, the action id
#: `vvg-2025-10-22-4-1`): an example for the reader, never a name a command writes. Only these
#: forms, in lower case, in Python sources and the message catalog (never in templates/).
EXAMPLE_ID = re.compile(
    r"--organ vvg\b|\bminutes/vvg/|(?<![\w-])vvg-\d{4}-\d\d-\d\d|\bmeeting/vvg-<"
    r"|\binit vvg-minutes\b|(?:e\.g\.|t\.ex\.) vvg\b|\bsite/vvg ->"
)

#: files that may name VVG, each with the reason. Keep it short.
ALLOWED: dict[str, str] = {
    # The importer reads VVG's historical Word minutes and recognises their wording (the
    # footer, 'VVG ställer sig bakom …', 'VVG i december'); its examples quote them.
    "vvgctl/importer/labels.py": "the importer's heuristics for VVG's historical minutes",
    "vvgctl/importer/positions.py": "the importer's heuristics for VVG's historical minutes",
    "vvgctl/importer/people.py": "a word list of organisation words (vårdsamverkan) that "
    "are not people's names",
    "vvgctl/importer/pages.py": "a comment quoting a historical footer",
    "vvgctl/importer/vocabulary.py": "comments quoting historical minutes",
    "vvgctl/importer/header.py": "a docstring quoting a historical header",
    "vvgctl/importer/context.py": "a docstring quoting historical minutes",
    # Others edit these files in this round (the render pipeline); none of these names
    # reaches a document vvgctl writes for another organ: cli/app.py's help sentence, and
    # markdown_to_pdf's default header, which every caller in vvgctl overrides (the årshjul
    # passes the organ's header).
    "vvgctl/cli/app.py": "the toolkit's help sentence (file edited elsewhere this round)",
    "vvgctl/render/pdf.py": "markdown_to_pdf's unused default header (edited elsewhere)",
}
#: single lines that may name VVG, each with the reason
ALLOWED_LINES: dict[str, str] = {
    '"A toolkit for VVG\'s minutes in git: check, query, plan and render.\\n"': (
        "the catalog's msgid of cli/app.py's help (its Swedish leaves VVG out)"
    ),
}


def hits() -> list[str]:
    found = []
    for folder in SEARCHED:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".mo":
                continue
            relative = path.relative_to(ROOT).as_posix()
            if relative in ALLOWED:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), 1):
                rest = EXAMPLE_ID.sub("", line) if folder == "vvgctl" else line
                if NAME.search(rest) and line.strip() not in ALLOWED_LINES:
                    found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_organ_is_named_in_the_package_or_the_templates() -> None:
    assert hits() == []


def test_the_search_finds_a_name() -> None:
    assert NAME.search("author: Vårdsamverkan Västra Götaland")
    assert NAME.search("tag:vardsamverkan.se,2025")
    assert NAME.search("Beslut: VVG noterar") and NAME.search('class="vvg-roster"')
    assert not NAME.search("vvgctl check; except VvgError")
    assert NAME.search(EXAMPLE_ID.sub("", "vvgctl new-meeting --organ vvg # VVG")), (
        "an example id leaves the rest of the line searched"
    )


def test_every_allowed_file_exists() -> None:
    assert [p for p in ALLOWED if not (ROOT / p).is_file()] == []
