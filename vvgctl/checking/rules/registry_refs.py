"""registry-refs: every organ, delegation and person a meeting names is in the registry.

A person is in the registry when ``registry/people.yaml`` lists them or an organ in
``registry/organs.yaml`` has them as a member (with or without a delegation); old spellings
(aliases) are written in ``people.yaml``.

Unknown names get a "did you mean" from the registry, which also catches spellings with and
without diacritics (Hjoberg/Hjöberg). A name listed as an alias (an old spelling) is accepted
with a warning that gives the registry's spelling.
"""

from __future__ import annotations

from collections.abc import Iterator

from vvgctl.checking.rules.base import FileContext
from vvgctl.diagnostics import Diagnostic, Severity
from vvgctl.message import Message
from vvgctl.runtime.i18n import N_

CODE = "registry-refs"
#: how severe its findings can be
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _organ_hint(ctx: FileContext, organ: str) -> Message:
    import difflib

    close = difflib.get_close_matches(organ, ctx.registry.organ_ids(), n=1, cutoff=0.5)
    if close:
        return Message(N_("did you mean '{close}'?"), {"close": close[0]})
    return Message(
        N_("add the organ to registry/organs.yaml; known organs: {organs}"),
        {"organs": ", ".join(ctx.registry.organ_ids())},
    )


def check(ctx: FileContext) -> Iterator[Diagnostic]:
    yield from _organs(ctx)
    yield from _people(ctx)


def _organs(ctx: FileContext) -> Iterator[Diagnostic]:
    """The meeting's organ and its roster's delegations; the organs decisions and follow-ups
    name."""
    meeting = ctx.meeting
    organ = ctx.registry.organ(meeting.organ)
    if organ is None:
        yield ctx.loaded.error(
            CODE,
            Message(N_("unknown organ '{organ}'"), {"organ": meeting.organ}),
            "organ",
            hint=_organ_hint(ctx, meeting.organ),
        )
    else:
        known = {d.id for d in organ.delegations}
        for r, group in enumerate(meeting.roster):
            if group.delegation is not None and group.delegation not in known:
                import difflib

                close = difflib.get_close_matches(group.delegation, sorted(known), n=1)
                yield ctx.loaded.error(
                    CODE,
                    Message(
                        N_("unknown delegation '{delegation}' for {id}"),
                        {"delegation": group.delegation, "id": organ.id},
                    ),
                    "roster",
                    r,
                    "delegation",
                    hint=Message(N_("did you mean '{close}'?"), {"close": close[0]})
                    if close
                    else N_("add it under the organ's 'delegations' in registry/organs.yaml"),
                )
    for i, item in enumerate(meeting.items):
        for d, decision in enumerate(item.decisions):
            if decision.confirm_by and ctx.registry.organ(decision.confirm_by) is None:
                yield ctx.loaded.error(
                    CODE,
                    Message(
                        N_("unknown organ '{confirm_by}'"), {"confirm_by": decision.confirm_by}
                    ),
                    "items",
                    i,
                    "decisions",
                    d,
                    "confirm_by",
                    hint=_organ_hint(ctx, decision.confirm_by),
                )
        for f, follow in enumerate(item.follow_ups):
            if follow.organ and ctx.registry.organ(follow.organ) is None:
                yield ctx.loaded.error(
                    CODE,
                    Message(N_("unknown organ '{organ}'"), {"organ": follow.organ}),
                    "items",
                    i,
                    "follow_ups",
                    f,
                    "organ",
                    hint=_organ_hint(ctx, follow.organ),
                )


def _people(ctx: FileContext) -> Iterator[Diagnostic]:
    """Every person the meeting names."""
    meeting = ctx.meeting
    local = {p.name for p in meeting.people}
    for path, name in meeting.named_people():
        lookup = ctx.registry.person(name)
        if lookup.person is None and name in local:
            yield ctx.loaded.error(
                CODE,
                Message(
                    N_("'{name}' is listed in the file's own 'people', not in the registry"),
                    {"name": name},
                ),
                *path,
                severity=Severity.INFO,
                hint=N_("move the person to registry/people.yaml when the draft is reviewed"),
            )
        elif lookup.person is None:
            hint = (
                Message(N_("did you mean '{suggestions}'?"), {"suggestions": lookup.suggestions[0]})
                if lookup.suggestions
                else N_("add the person to registry/people.yaml")
            )
            yield ctx.loaded.error(
                CODE, Message(N_("unknown person '{name}'"), {"name": name}), *path, hint=hint
            )
        elif lookup.via_alias:
            yield ctx.loaded.error(
                CODE,
                Message(
                    N_("'{name}' is an old spelling of '{name2}'"),
                    {"name": name, "name2": lookup.person.name},
                ),
                *path,
                hint=Message(N_("write '{name}'"), {"name": lookup.person.name}),
                severity=Severity.WARNING,
            )
