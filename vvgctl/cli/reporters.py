"""Render diagnostics as text (path:line:col), JSON or GitHub workflow annotations."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.markup import escape

from vvgctl.cli.output import inert, visible
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.runtime.i18n import N_, render
from vvgctl.runtime.i18n import _ as tr

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
#: the severities as people read them (JSON keeps ``error``, ``warning``, ``info``)
SEVERITY_LABELS = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("info"),
}


def message(d: Diagnostic) -> str:
    """A diagnostic's message in the user's language (the data keeps it in English)."""
    return render(d.message)


def hint(d: Diagnostic) -> str | None:
    return render(d.hint) if d.hint else None


def with_hint(d: Diagnostic) -> str:
    """The message and its hint on one line, for an annotation."""
    shown = hint(d)
    return message(d) + (f" ({tr('hint:')} {shown})" if shown else "")


def location(d: Diagnostic) -> str:
    if d.line:
        return f"{d.path}:{d.line}:{d.column}"
    return d.path


def text(diagnostics: Sequence[Diagnostic], console: Console) -> None:
    for d in diagnostics:
        console.print(
            f"[bold]{escape(inert(location(d)))}[/]: "
            f"[{_STYLE[d.severity]}]{tr(SEVERITY_LABELS[d.severity])}[/] "
            f"{escape(inert(message(d)))} [dim]\\[{d.code}][/]"
        )
        shown = hint(d)
        if shown:
            console.print(f"    [dim]{tr('hint:')}[/] {escape(inert(shown))}")


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
        sys.stdout.write(f"::{level} {','.join(props)}::{_gh_escape(with_hint(d))}\n")


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
        issues.append(
            {
                "description": with_hint(d),
                "check_name": d.code,
                "fingerprint": hashlib.sha256(key).hexdigest(),
                "severity": severity[d.severity.value],
                "location": {"path": d.path, "lines": {"begin": max(d.line, 1)}},
            }
        )
    sys.stdout.write(json.dumps(issues, ensure_ascii=False, indent=2) + "\n")
