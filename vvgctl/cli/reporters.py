"""Render diagnostics as text (path:line:col), JSON or GitHub workflow annotations."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.markup import escape

from vvgctl.cli.output import visible
from vvgctl.diagnostics import Diagnostic, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def location(d: Diagnostic) -> str:
    if d.line:
        return f"{d.path}:{d.line}:{d.column}"
    return d.path


def text(diagnostics: Sequence[Diagnostic], console: Console) -> None:
    for d in diagnostics:
        console.print(
            f"[bold]{escape(visible(location(d)))}[/]: "
            f"[{_STYLE[d.severity]}]{d.severity.value}[/] "
            f"{escape(visible(d.message))} [dim]\\[{d.code}][/]"
        )
        if d.hint:
            console.print(f"    [dim]hint:[/] {escape(visible(d.hint))}")


def _gh_escape(value: str, property_: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    value = visible(value)  # a CI log is a terminal too
    if property_:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(diagnostics: Sequence[Diagnostic]) -> None:
    """``::error file=…,line=…,col=…,title=…::message`` lines for GitHub Actions."""
    for d in diagnostics:
        level = {"error": "error", "warning": "warning", "info": "notice"}[d.severity.value]
        props = [f"file={_gh_escape(d.path, True)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={_gh_escape('vvgctl ' + d.code, True)}")
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        sys.stdout.write(f"::{level} {','.join(props)}::{_gh_escape(message)}\n")


def as_json(diagnostics: Sequence[Diagnostic], summary: Mapping[str, object]) -> None:
    out = {"diagnostics": [d.as_dict() for d in diagnostics], "summary": summary}
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")


def gitlab(diagnostics: Sequence[Diagnostic]) -> None:
    """A GitLab Code Quality report (JSON) for a merge request's widget."""
    import hashlib

    severity = {"error": "major", "warning": "minor", "info": "info"}
    issues = []
    for d in diagnostics:
        key = f"{d.code}\0{d.path}\0{d.line}\0{d.message}".encode()
        issues.append({
            "description": d.message + (f" (hint: {d.hint})" if d.hint else ""),
            "check_name": d.code,
            "fingerprint": hashlib.sha256(key).hexdigest(),
            "severity": severity[d.severity.value],
            "location": {"path": d.path, "lines": {"begin": max(d.line, 1)}},
        })
    sys.stdout.write(json.dumps(issues, ensure_ascii=False, indent=2) + "\n")
