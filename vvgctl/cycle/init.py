"""``vvgctl init``: a new minutes repository for an organ, ready for its first meeting.

The layout is the one vvgctl discovers (``minutes/registry/``, ``minutes/<organ>/<year>/``),
with this year's schedule and plan, a README for the administrator, the JSON Schemas and the
editor wiring that uses them, pre-commit, and CI for GitHub and GitLab that install vvgctl as a
package of a pinned version and call only vvgctl's commands. Every file comes from a template
in ``templates/init/``; the values given are validated first (:mod:`vvgctl.cycle.init_inputs`)
and reach YAML as quoted scalars and Markdown escaped. Nothing is overwritten: a folder that
holds anything but an empty git repository is refused, and the files are written only when all
of them can be.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from vvgctl import __version__
from vvgctl.checking.schema_export import render as render_schema
from vvgctl.checking.schema_export import schema_models
from vvgctl.cycle.init_inputs import check_name, check_organ, check_package
from vvgctl.errors import UsageError, VvgError
from vvgctl.message import Message
from vvgctl.render.templating import environment
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.inert import markdown
from vvgctl.source.fileio import atomic_write
from vvgctl.source.yaml import quoted

VVGCTL_URL = "https://github.com/vvg/vvgctl"

#: template (in templates/init/) -> the file it writes, relative to the new repository
FILES = {
    "README.md.j2": "README.md",
    "gitignore.j2": ".gitignore",
    "pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "github/minutes.yml.j2": ".github/workflows/minutes.yml",
    "gitlab-ci.yml.j2": ".gitlab-ci.yml",
    "vscode/settings.json.j2": ".vscode/settings.json",
    "organs.yaml.j2": "minutes/registry/organs.yaml",
    "people.yaml.j2": "minutes/registry/people.yaml",
    "schedule.yaml.j2": "minutes/{organ}/{year}/schedule.yaml",
    "plan.yaml.j2": "minutes/{organ}/{year}/plan.yaml",
}


@dataclass
class Created:
    root: Path
    files: list[Path] = field(default_factory=list)
    git: bool = False  # whether git was initialised here
    notes: list[str] = field(default_factory=list)


def default_package() -> str:
    return f"vvgctl=={__version__}"


def _refuse_existing(target: Path) -> bool:
    """Whether ``target`` is an empty git repository; a :class:`UsageError` when it holds
    anything else."""
    if not target.exists():
        return False
    if not target.is_dir():
        raise UsageError(Message(N_("{target} exists and is not a folder"), {"target": target}))
    entries = sorted(p.name for p in target.iterdir())
    if not entries:
        return False
    if entries == [".git"]:
        return True
    shown = ", ".join(entries[:4]) + (" …" if len(entries) > 4 else "")
    raise VvgError(
        Message(
            N_("{target} is not empty ({shown}); nothing was written"),
            {"target": target, "shown": shown},
        ),
        hint=N_(
            "give a new or empty folder; an existing minutes repository is "
            "extended with `vvgctl new-meeting`, not re-initialised"
        ),
    )


def plan_files(organ: str, name: str, year: int, package: str) -> dict[str, str]:
    """The new repository's files (relative path -> text), from validated values: a value
    goes into YAML as a quoted scalar (``*_yaml``) and into Markdown escaped (``*_md``); the
    one-line name may stand in a YAML comment."""
    env = environment()
    context = {"organ": organ, "organ_name": name, "organ_name_yaml": quoted(name),
               "organ_name_md": markdown(name), "year": year, "package": package,
               "package_yaml": quoted(package), "version": __version__,
               "vvgctl_url": VVGCTL_URL}
    files = {}
    for template, target in FILES.items():
        text = env.get_template(f"init/{template}").render(**context)
        files[target.format(organ=organ, year=year)] = text
    for schema_name, model in schema_models().items():
        files[f"schemas/{schema_name}"] = render_schema(model, schema_name)
    return files


def init_repository(target: Path, organ: str, name: str | None = None, *,
                    year: int | None = None, package: str | None = None) -> Created:
    """Write a new minutes repository at ``target`` for the organ ``organ``."""
    check_organ(organ)
    name = check_name(name) if name is not None else organ.upper()
    package = check_package(package) if package is not None else default_package()
    has_git = _refuse_existing(target)
    files = plan_files(organ, name, year or dt.date.today().year, package)
    created = Created(target)
    target.mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
        created.files.append(path)
    if not has_git:
        try:
            subprocess.run(["git", "init", "--quiet", "-b", "main", str(target)], check=True,
                           capture_output=True)
            created.git = True
        except (OSError, subprocess.CalledProcessError):
            created.notes.append("git is not available: run `git init` in the folder yourself")
    return created
