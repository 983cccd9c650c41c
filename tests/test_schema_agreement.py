"""The exported JSON Schema and `vvgctl check` agree, file by file (issue 17).

check-jsonschema (a standard YAML 1.2 loader, then the schema) runs once over the front matter
of every valid and invalid fixture and the bundled minutes. A file check passes must pass the
schema; a file check fails for a schema reason must fail it, unless the reason is one a JSON
Schema cannot express (a relation between two fields). Reading refusals (aliases, tags,
duplicate keys, bad UTF-8) are vvgctl's own policy: standard loaders may read those files.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.test_ci_files import tool
from vvgctl.checking.check import check_file
from vvgctl.repository.repo import Repository

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = REPO_ROOT / "schemas" / "meeting.schema.json"
#: schema diagnostics about two fields at once: the exported schema cannot say them
CROSS_FIELD = ("is not after the start", "does not match")
#: codes of files that a standard loader may refuse or read differently
READING = {
    "encoding",
    "front-matter",
    "yaml-alias",
    "yaml-directive",
    "yaml-duplicate-key",
    "yaml-syntax",
    "yaml-tag",
}


def _front_matter(path: Path) -> str | None:
    text = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").lstrip("\ufeff")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 3)
    return text[4 : end + 1] if end > 0 else None


def _cases() -> list[tuple[Path, Path]]:
    """(meeting file, the root whose registry it is checked against)."""
    cases = [
        (p, FIXTURES / kind)
        for kind in ("valid", "invalid")
        for p in sorted((FIXTURES / kind).glob("*.md"))
    ]
    minutes = REPO_ROOT / "minutes"
    cases += [(p, minutes) for p in sorted(minutes.glob("*/*/*.md"))]
    return cases


@pytest.fixture(scope="module")
def schema_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """File name -> check-jsonschema's errors for its front matter ('parse' if unreadable)."""
    out = tmp_path_factory.mktemp("front-matter")
    names: dict[str, str] = {}
    for path, _ in _cases():
        front = _front_matter(path)
        if front is not None:
            target = out / f"{path.parent.name}-{path.stem}.yaml"
            target.write_text(front, encoding="utf-8")
            names[str(target)] = path.name
    result = subprocess.run(
        [tool("check-jsonschema"), "--schemafile", str(SCHEMA), "-o", "json", *names],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    verdicts: dict[str, list[str]] = {name: [] for name in names.values()}
    for error in report["errors"]:
        deep = error.get("best_deep_match") or error
        verdicts[names[error["filename"]]].append(f"{deep['path']}: {deep['message']}")
    for error in report["parse_errors"]:
        verdicts[names[error["filename"]]].append("parse")
    return verdicts


@pytest.mark.parametrize(
    ("path", "root"), _cases(), ids=[f"{p.parent.name}/{p.name}" for p, _ in _cases()]
)
def test_schema_and_check_agree(
    path: Path, root: Path, schema_verdicts: dict[str, list[str]]
) -> None:
    result = check_file(Repository(root), path)
    codes = {d.code for d in result.diagnostics if d.severity == "error"}
    schema_errors = [d.message for d in result.diagnostics if d.code == "schema"]
    if root.name == "valid" or root.name == "minutes":
        assert not codes, result.diagnostics
    if path.name not in schema_verdicts:  # no front matter: nothing for the schema to see
        assert codes & READING
        return
    verdict = schema_verdicts[path.name]
    if codes & READING:
        return  # vvgctl refuses how it is written; a standard loader may read it
    expressible = [m for m in schema_errors if not any(c in m for c in CROSS_FIELD)]
    if expressible:
        assert verdict, f"check: {expressible}; the schema passed it"
    else:
        assert not verdict, f"check passed its schema; check-jsonschema: {verdict}"


def test_the_disagreements_of_issue_17_are_gone(schema_verdicts: dict[str, list[str]]) -> None:
    assert "0755" in (FIXTURES / "valid" / "unquoted.md").read_text(encoding="utf-8")
    assert schema_verdicts["unquoted.md"] == []  # time: {start: 9.00}, number: 4, case: 0755
    assert any("25.00" in e for e in schema_verdicts["bad-time.md"])  # hours 0-23
    assert any("25:99" in e for e in schema_verdicts["bad-time-colon.md"])
    assert any("javascript" in e for e in schema_verdicts["bad-link.md"])
