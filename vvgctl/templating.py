"""Jinja, set up once: a sandboxed environment over the project's ``templates/`` folder.

Templates hold layout, not logic. ``StrictUndefined`` turns a misspelt variable into an error
instead of an empty string; the sandbox keeps a template from reaching Python internals.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=4)
def environment(folder: Path = TEMPLATES_DIR) -> SandboxedEnvironment:
    """The one Jinja environment (cached per templates folder)."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Markdown output: autoescape is off, so every user string goes through one of these
    from vvgctl.render import escape

    env.filters["md"] = escape.inline
    env.filters["md_text"] = escape.paragraphs
    env.filters["md_url"] = escape.url
    env.filters["md_names"] = escape.names
    return env


def render(name: str, **context: object) -> str:
    """Render the template ``name`` (a path inside ``templates/``) with ``context``."""
    return environment().get_template(name).render(**context)
