"""The rule catalogue lists every code `vvgctl check` reports, once, with a severity."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vvgctl.checking.catalogue import Scope, catalogue, codes
from vvgctl.checking.check import run_check
from vvgctl.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"


def test_each_code_is_listed_once_with_documentation_and_severity() -> None:
    rules = catalogue()
    assert len({r.code for r in rules}) == len(rules)
    for rule in rules:
        assert rule.summary and rule.documentation and rule.severities, rule.code
    assert {r.scope for r in rules} == set(Scope)


def test_every_code_the_fixtures_provoke_is_in_the_catalogue() -> None:
    found = {d.code for d in run_check([FIXTURES], use_cache=False).diagnostics}
    assert len(found) >= 10, found  # the fixtures provoke many kinds of finding
    assert found <= codes(), found - codes()


def test_every_severity_the_fixtures_provoke_is_declared() -> None:
    by_code = {r.code: r.severities for r in catalogue()}
    for diagnostic in run_check([FIXTURES], use_cache=False).diagnostics:
        assert diagnostic.severity in by_code[diagnostic.code], diagnostic


def test_rules_json_is_the_catalogue() -> None:
    result = CliRunner().invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["code"] for r in rows] == [r.code for r in catalogue()]
    case_flow = next(r for r in rows if r["code"] == "case-flow")
    assert case_flow["scope"] == "repository" and case_flow["severities"] == ["warning"]
