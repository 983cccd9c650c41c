"""Jinja, set up once: a sandboxed environment over the project's ``templates/`` folder.

Templates hold layout, not logic. ``StrictUndefined`` turns a misspelt variable into an error
instead of an empty string; the sandbox keeps a template from reaching Python internals.

Templates are compiled in memory, once per process, from the package's own template files:
no compiled template is read from disk. Jinja's bytecode cache is pickled and marshalled
Python code, and one kept in the cache folder ran whatever was planted there (issue 26).
Compiling costs a process 0.02–0.04 s for a meeting's templates (``minutes.md.j2`` and its
parts) and 0.03 s for the site's ten, where the bytecode cache took 0.001 s (December 2026,
median of 15 fresh environments): a few percent of a one-file render (0.6–0.9 s).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from vvgctl.render import escape

#: the project's templates/ (vvgctl/templates links to it, so a wheel carries it as package data)
TEMPLATES_DIR = (Path(__file__).resolve().parent.parent / "templates").resolve()


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

    env.filters["md"] = escape.inline
    env.filters["md_text"] = escape.paragraphs
    env.filters["md_url"] = escape.url
    env.filters["md_names"] = escape.names
    return env


def render(name: str, **context: object) -> str:
    """Render the template ``name`` (a path inside ``templates/``) with ``context``."""
    return environment().get_template(name).render(**context)
