"""``vvgctl init``: a new minutes repository for an organ, ready for its first meeting.

The layout is the one vvgctl discovers (``minutes/registry/``, ``minutes/<organ>/<year>/``),
with the schedule (four proposed meetings) and plan of the year of the organ's next meeting (this
year, next year in December), the site settings (the organ publishes), a README that walks the
administrator through the year, the JSON Schemas and the editor wiring that uses them,
pre-commit, and CI for GitHub and GitLab that install vvgctl by an exact reference
(:mod:`vvgctl.cycle.init_package`) and call only vvgctl's commands. Every file comes from a template
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
from vvgctl.cycle.init_inputs import PACKAGE_HINT, check_name, check_organ, check_package
from vvgctl.cycle.init_package import Pin, installed, pin_of, project_url, source_package
from vvgctl.errors import UsageError, VvgError
from vvgctl.message import Message
from vvgctl.render.templating import environment
from vvgctl.runtime.i18n import N_
from vvgctl.runtime.inert import markdown
from vvgctl.source.fileio import atomic_write
from vvgctl.source.yaml import quoted

#: template (in templates/init/) -> the file it writes, relative to the new repository
FILES = {
    "README.md.j2": "README.md",
    "gitignore.j2": ".gitignore",
    "pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "github/minutes.yml.j2": ".github/workflows/minutes.yml",
    "gitlab-ci.yml.j2": ".gitlab-ci.yml",
    "vscode/settings.json.j2": ".vscode/settings.json",
    "organs.yaml.j2": "minutes/registry/organs.yaml",
    "site.yaml.j2": "minutes/registry/site.yaml",
    "people.yaml.j2": "minutes/registry/people.yaml",
    "schedule.yaml.j2": "minutes/{organ}/{year}/schedule.yaml",
    "plan.yaml.j2": "minutes/{organ}/{year}/plan.yaml",
}


@dataclass
class Created:
    root: Path
    files: list[Path] = field(default_factory=list)
    git: bool = False  # whether git was initialised here
    notes: list[Message | str] = field(default_factory=list)


#: the script pre-commit runs for a wheel kept in the repository (see the template)
WHEEL_HOOK = ".pre-commit/vvgctl-wheel.py"
#: the months of the proposed meetings, each on its second Thursday, 09:00-12:00 on Teams
PROPOSED_MONTHS = (2, 4, 9, 11)


def default_package() -> str:
    """The source repository at the commit this vvgctl came from, as its metadata says; a
    :class:`UsageError` asking for ``--package`` when it does not."""
    dist = installed()
    found = source_package(dist) if dist is not None else None
    if found is None:
        raise UsageError(
            N_(
                "vvgctl's package metadata names no source repository and commit "
                "it was installed from: say what CI and pre-commit install with "
                "--package"
            ),
            hint=PACKAGE_HINT,
        )
    return found


def next_meeting_year(today: dt.date) -> int:
    """The year of an organ's next meeting: this year, or next year in December."""
    return today.year + 1 if today.month == 12 else today.year


def proposed_meetings(year: int) -> list[dt.date]:
    """The second Thursday of each of :data:`PROPOSED_MONTHS`."""
    days = []
    for month in PROPOSED_MONTHS:
        first = dt.date(year, month, 1)
        days.append(first + dt.timedelta(days=(3 - first.weekday()) % 7 + 7))
    return days


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
    dist = installed()
    pin: Pin = pin_of(package)
    meetings = proposed_meetings(year)
    context = {
        "organ": organ,
        "organ_name": name,
        "organ_name_yaml": quoted(name),
        "organ_name_md": markdown(name),
        "year": year,
        "package": package,
        "package_yaml": quoted(package),
        "version": __version__,
        "pin": pin,
        "wheel_hook": WHEEL_HOOK,
        "meetings": meetings,
        "position_yaml": quoted(f"{name} ställer sig bakom verksamhetsplanen för {year}."),
        "vvgctl_url": project_url(dist) if dist is not None else None,
    }
    files = {}
    for template, target in FILES.items():
        text = env.get_template(f"init/{template}").render(**context)
        files[target.format(organ=organ, year=year)] = text
    if pin.kind == "wheel":
        files[WHEEL_HOOK] = env.get_template("init/vvgctl-wheel.py.j2").render(**context)
    for schema_name, model in schema_models().items():
        files[f"schemas/{schema_name}"] = render_schema(model, schema_name)
    return files


def init_repository(
    target: Path,
    organ: str,
    name: str | None = None,
    *,
    year: int | None = None,
    package: str | None = None,
) -> Created:
    """Write a new minutes repository at ``target`` for the organ ``organ``."""
    check_organ(organ)
    name = check_name(name) if name is not None else organ.upper()
    package = check_package(package) if package is not None else default_package()
    has_git = _refuse_existing(target)
    files = plan_files(organ, name, year or next_meeting_year(dt.date.today()), package)
    created = Created(target)
    if pin_of(package).kind == "index":
        created.notes.append(
            Message(
                N_(
                    "{package} is installed by its name from a package index: "
                    "whoever registers the name there decides what CI runs; a "
                    "commit, a wheel's sha256 or a wheel in the repository is "
                    "exact"
                ),
                {"package": package},
            )
        )
    target.mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
        created.files.append(path)
    if not has_git:
        try:
            subprocess.run(
                ["git", "init", "--quiet", "-b", "main", str(target)],
                check=True,
                capture_output=True,
            )
            created.git = True
        except (OSError, subprocess.CalledProcessError):
            created.notes.append(N_("git is not available: run `git init` in the folder yourself"))
    return created
