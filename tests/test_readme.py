"""The README stays true: the two commands first, every command and model field documented."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from vvgctl.cli.app import app
from vvgctl.models import Decision, Item, Meeting

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:6])
    assert "make run" in head and "make test" in head


def test_every_command_has_a_section_with_an_example() -> None:
    commands = typer.main.get_group(app).commands
    for name in commands:
        heading = re.search(rf"^### `vvgctl {re.escape(name)}\b", README, re.MULTILINE)
        assert heading, f"README has no '### `vvgctl {name}` section"
        section = README[heading.end() :].split("\n### ", 1)[0]
        assert f"vvgctl {name}" in section, f"no example of `vvgctl {name}`"


def test_the_schema_in_brief_names_every_field() -> None:
    brief = README.split("### The schema in brief", 1)[1].split("\n## ", 1)[0]
    for model in (Meeting, Item, Decision):
        for field in model.model_fields:
            assert f"`{field}`" in brief, f"{model.__name__}.{field} is not in the README"
