"""A generated family of meeting records for the round trip (issue 31.4).

Each member rewrites a bundled record's front matter (the body is kept) into a harder meeting
of the same organ: many items, sub-items with their own kinds and positions, numbered
multi-part positions, a long roster with a long list of absent and remote people, members in
no delegation, corrections of the previous minutes and of these, follow-ups (to a month, a day,
the next meetings, another organ), earlier actions closed, and the older label 'Beslut'.
The generator is deterministic.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

from ruamel.yaml import YAML

from tests.roundtrip import ROOT

Record = dict[str, Any]

_FIRST = [
    "Anna",
    "Per",
    "Eva",
    "Lars",
    "Sofia",
    "Jonas",
    "Maria",
    "Erik",
    "Lena",
    "Olof",
    "Karin",
    "Mats",
    "Ingrid",
    "Nils",
    "Åsa",
    "Göran",
]
_LAST = [
    "Ek",
    "Lindqvist",
    "Åberg",
    "Holm",
    "Sjöström",
    "Björk",
    "Nordin",
    "Wallin",
    "Lundgren",
    "Ström",
    "Hedlund",
    "Öberg",
    "Sandell",
    "Forsberg",
]


def _people(count: int, offset: int) -> list[str]:
    return [
        f"{_FIRST[(offset + n) % len(_FIRST)]} {_LAST[(offset + 3 * n) % len(_LAST)]}"
        for n in range(count)
    ]


def _many_items(record: Record) -> None:
    """Twenty items: the substantive ones again under new numbers and titles."""
    items = record["items"]
    body = [i for i in items if i.get("kind") not in (None, "procedural", "written_information")]
    number = len(items)
    while len(items) < 20:
        source = copy.deepcopy(body[(number - len(items)) % len(body)])
        number += 1
        source["number"] = str(number)
        source["title"] = f"{source['title']} – uppföljning {number}"
        for key in ("case", "follow_ups", "actions"):
            source.pop(key, None)
        items.append(source)


def _subitems(record: Record) -> None:
    """A substantive item split into sub-items, each with its kind, presenter and position."""
    item = next(i for i in record["items"] if i.get("kind") == "information")
    presenter = item["presenters"][0] if item.get("presenters") else None
    item["subitems"] = [
        {
            "number": "a",
            "title": "Nuläge och tidsplan",
            "kind": "information",
            **({"presenters": [dict(presenter)]} if presenter else {}),
            "decisions": [{"type": "noted", "text": "Mötet noterar informationen."}],
        },
        {
            "number": "b",
            "title": "Fortsatt arbete",
            "kind": "dialog",
            "decisions": [
                {
                    "type": "assigned",
                    "text": "Mötet ger beredningen i uppdrag att ta fram ett förslag.",
                }
            ],
        },
        {
            "number": "c",
            "title": "Beslut om remiss",
            "kind": "information_and_decision",
            "decisions": [
                {
                    "type": "endorsed",
                    "text": "Mötet ställer sig bakom att förslaget skickas på remiss.",
                }
            ],
        },
    ]


def _multipart(record: Record) -> None:
    """A position in five numbered parts with two sub-positions each."""
    item = next(i for i in reversed(record["items"]) if i.get("decisions"))
    parts = [
        {
            "text": f"Del {n}: {topic} ska ingå i det länsgemensamma arbetet.",
            "parts": [f"{topic} följs upp årligen.", f"{topic} redovisas för mötet."],
        }
        for n, topic in enumerate(
            ["Egenvård", "Samtycke", "Avvikelser", "Läkemedel", "Utskrivning"], start=1
        )
    ]
    item["decisions"] = [
        {"type": "endorsed", "text": "Mötet ställer sig bakom följande delar:", "parts": parts}
    ]


def _long_roster(record: Record) -> None:
    """Four more members in every delegation; a long absent list and a remote list."""
    added: list[str] = []
    for n, group in enumerate(record.get("roster", [])):
        names = _people(4, 5 * n)
        group["members"] += [{"name": name, "affiliation": "Kommun"} for name in names]
        added += names
    absent = record.setdefault("attendance", {}).setdefault("absent", [])
    absent += added[::3]
    record["attendance"]["remote"] = [name for name in added[1::5] if name not in absent]
    record["mode"] = "hybrid"
    record["place"] = "Stationshuset Göteborg och Teams"


def _corrections(record: Record) -> None:
    """The previous minutes approved with a correction that quotes the changed sentence."""
    previous = record.get("previous") or {"date": "2025-09-11", "title": "Föregående"}
    previous["corrections"] = [
        {
            "text": "I punkt 4 ändras meningen om enkäten.",
            "quote": "Enkäten skickas ut i oktober.",
            "replacement": "Enkäten skickas ut i november.",
            "item": "4",
        }
    ]
    record["previous"] = previous


def _follow_ups(record: Record) -> None:
    """Follow-ups on an item that had none: aimed at a month, a day, the next and the one
    after, one of them another organ's, one long enough to wrap in the PDF; and one on a
    sub-item."""
    item = next(
        i for i in record["items"] if i.get("kind") == "information" and not i.get("follow_ups")
    )
    item["follow_ups"] = [
        {"text": "Tidsplanen för införandet redovisas.", "meeting": "2026-02"},
        {
            "text": "Delregionernas svar sammanställs och presenteras tillsammans med ett förslag "
            "på hur uppföljningen av riktlinjen ska ske på länsgemensam nivå under 2026 "
            "och vilka indikatorer som ska användas.",
            "meeting": "2026-01-21",
        },
        {"text": "Beslutet om finansieringen bekräftas.", "meeting": "next", "organ": "sro"},
        {"text": "Återrapport från arbetsgruppen.", "meeting": "after-next"},
    ]
    first = next(i for i in record["items"] if i.get("subitems"))
    first["subitems"][0]["follow_ups"] = [
        {"text": "Närvaron redovisas per delregion.", "meeting": "next"}
    ]


def _closed(record: Record) -> None:
    """Earlier actions closed: one the repository holds (the member of the day before opened
    it; printed as its text) and one it does not (printed as its id)."""
    item = next(i for i in record["items"] if i.get("actions"))
    day = dt.date.fromisoformat(record["date"]) - dt.timedelta(days=1)  # the member before
    item["closes_actions"] = [f"vvg-{day.isoformat()}-4-1", "vvg-2025-06-04-3-1"]


def _approval(record: Record) -> None:
    """Corrections made when these minutes were approved: one at the item it names, one
    after the header."""
    record["approval"] = {
        "meeting": "2025-12-10",
        "corrections": [
            {
                "text": "Mötet justerade meningen om enkäten.",
                "quote": "Enkäten skickas ut.",
                "replacement": "Enkäten skickas ut i januari.",
                "item": "5",
            },
            {"text": "Stavningen av ett namn rättades."},
        ],
    }


def _no_delegation(record: Record) -> None:
    """Members who sit in no delegation: a roster group without a heading."""
    record.setdefault("roster", []).append(
        {
            "members": [
                {"name": "Nils Sandell", "affiliation": "Region"},
                {"name": "Åsa Forsberg", "affiliation": "Kommun"},
            ]
        }
    )


def _beslut(record: Record) -> None:
    """Older minutes: every position labelled 'Beslut'."""
    for item in record["items"]:
        for decision in item.get("decisions", []):
            decision["label"] = "Beslut"


MEMBERS: dict[str, list[Callable[[Record], None]]] = {
    "many-items": [_many_items],
    "subitems": [_subitems],
    "multipart": [_multipart],
    "long-roster": [_long_roster],
    "corrections": [_corrections, _approval],
    "beslut": [_beslut],
    "follow-ups": [_follow_ups],
    "closed": [_closed],
    "no-delegation": [_no_delegation],
    "everything": [
        _many_items,
        _subitems,
        _multipart,
        _long_roster,
        _corrections,
        _approval,
        _beslut,
        _follow_ups,
        _closed,
        _no_delegation,
    ],
}


def _split(text: str) -> tuple[Record, str]:
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.DOTALL)
    assert match, "a record starts with front matter"
    record = YAML(typ="safe", pure=True).load(match.group(1))
    return record, match.group(2)


def _join(record: Record, body: str) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(record, out)
    return f"---\n{out.getvalue()}---\n{body}"


def family() -> Iterator[tuple[str, str, str]]:
    """(name, path under minutes/, text) of each generated member, from the vvg record."""
    source = ROOT / "minutes" / "vvg" / "2025" / "2025-10-22.md"
    record, body = _split(source.read_text(encoding="utf-8"))
    for n, (name, steps) in enumerate(MEMBERS.items()):
        member = copy.deepcopy(record)
        member["date"] = f"2025-11-{n + 10:02d}"
        for step in steps:
            step(member)
        yield name, f"vvg/2025/{member['date']}.md", _join(member, body)
