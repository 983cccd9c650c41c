"""Variants of the seed minutes in the layouts of the family of legacy minutes (issue 16).

Each variant rewrites a hand-labelled seed (``tests/data/seeds`` with its expectations in
``tests/data/import_expected``) into a layout VVG's archive 2017–2025 uses, and carries the
expected values along: numbering styles (``4)``, ``§ 4``, ``Punkt 4``, bold, ``##``, trailing
spaces, titles wrapped over two lines), numbered lists inside items, no title line (the date only
in ``Tid: 2025-10-22, kl 09.00-11.00``), label synonyms (``Beslut:``, ``Beslutades att``,
``VVG beslutar``, ``Förslag till beslut:`` as a proposal, ``Frånvarande:``, ``Förhindrade:``,
remote attendance, presenters with the organisation after the name), markup stripped, and text
hard-wrapped as a PDF export gives it (hyphenation, page numbers, repeated page headers, blank
lines in odd places). The generator is deterministic: the same variants on every run.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

DATA = Path(__file__).parent / "data"


@dataclass
class Doc:
    """A seed being rewritten: its lines, the expected values and where the headings stand."""

    lines: list[str]
    expected: dict[str, Any]
    log: list[str] = field(default_factory=list)

    def heading_index(self, number: str) -> int | None:
        title = next(i["title"] for i in self.expected["items"] if i["number"] == number)
        heading = re.compile(rf"^(?:Punkt\s+|§\s*)?{number}[.):]?\s+{re.escape(title)}$")
        for index, line in enumerate(self.lines):
            bare = re.sub(r"^\s*#*\s*", "", line).replace("**", "").strip()
            if heading.match(bare):
                return index
        return None

    def item_span(self, number: str) -> tuple[int, int]:
        start = self.heading_index(number)
        assert start is not None, number
        numbers = [i["number"] for i in self.expected["items"]]
        following = numbers.index(number) + 1
        end = len(self.lines)
        if following < len(numbers):
            nxt = self.heading_index(numbers[following])
            end = nxt if nxt is not None else end
        return start, end


def _headings(
    doc: Doc, style: Callable[[str, str, random.Random], str], rng: random.Random
) -> None:
    for item in doc.expected["items"]:
        index = doc.heading_index(item["number"])
        assert index is not None, item
        doc.lines[index] = style(item["number"], item["title"], rng)


NUMBERING: dict[str, Callable[[str, str, random.Random], str]] = {
    "paren": lambda n, t, r: f"{n}) {t}",
    "paragraph": lambda n, t, r: r.choice([f"§ {n} {t}", f"§ {n}. {t}", f"§{n} {t}"]),
    "punkt": lambda n, t, r: r.choice([f"Punkt {n}. {t}", f"Punkt {n}: {t}", f"Punkt {n} {t}"]),
    "bold": lambda n, t, r: f"**{n}. {t}**",
    "hash": lambda n, t, r: f"## {n}. {t}",
    "plain": lambda n, t, r: f"{n}. {t}" + " " * r.randint(1, 4),
}


def wrap_titles(doc: Doc, rng: random.Random) -> None:
    """Long titles over two lines, as a narrow PDF column breaks them."""
    for item in doc.expected["items"]:
        index = doc.heading_index(item["number"])
        assert index is not None
        line = doc.lines[index]
        if len(item["title"]) < 40 or "**" in line:
            continue
        words = line.split(" ")
        cut = max(3, len(words) // 2 + rng.randint(-1, 1))
        if cut >= len(words):
            continue
        doc.lines[index : index + 1] = [" ".join(words[:cut]), " ".join(words[cut:])]


_LIST = [
    "Uppföljning av det gemensamma arbetet",
    "Digitalisering och gemensamma system",
    "Kompetensförsörjning i länet",
    "Ekonomi och resurser för arbetet",
    "Kommunikation till verksamheterna",
    "Erfarenheter från delregionerna",
    "Tidsplan för hösten",
    "Ansvar och roller framåt",
    "Samordning med andra forum",
    "Utbildningsinsatser under året",
    "Uppdragshandlingen",
    "Representation i gruppen",
]


def numbered_lists(doc: Doc, rng: random.Random) -> None:
    """A numbered list at the end of some items, restarting at 1 and reaching past the
    next item's number, so only the restart tells it from the items."""
    numbers = [i["number"] for i in doc.expected["items"]][:-1]
    for number in rng.sample(numbers, k=min(2, len(numbers))):
        start, end = doc.item_span(number)
        length = min(int(number) + rng.randint(1, 3), len(_LIST))
        style = rng.choice(["{n}. {t}", "{n}) {t}"])
        block = ["", "Följande områden togs upp:", ""]
        block += [style.format(n=k, t=_LIST[k - 1]) for k in range(1, length + 1)]
        while end > start + 1 and not doc.lines[end - 1].strip():
            end -= 1
        doc.lines[end:end] = [*block, ""]


def no_title(doc: Doc, rng: random.Random) -> None:
    """No 'Mötesanteckning' line; the date only in 'Tid: 2025-10-22, kl 09.00-11.00'."""
    exp = doc.expected
    doc.lines = [line for line in doc.lines if not re.match(r"^\s*#*\s*Mötesanteckning\s*$", line)]
    start, end = (t.replace(":", ".") for t in exp["time"])
    when = rng.choice(
        [f"Tid: {exp['date']}, kl {start}-{end}", f"Tid: {exp['date']} kl. {start} – {end}"]
    )
    out: list[str] = []
    for line in doc.lines:
        if re.match(r"^(Datum|Tid):", line):
            if line.startswith("Datum"):
                out.append(when)
            continue
        out.append(re.sub(r"^#+\s*", "", line) if not out or len(out) < 8 else line)
    doc.lines = out


_INFINITIVE = [
    ("noterar informationen", "notera informationen"),
    ("ställer sig bakom", "ställa sig bakom"),
    ("godkänner", "godkänna"),
    ("rekommenderar", "rekommendera"),
    ("uppdrar", "uppdra"),
]
_SUBJECT = re.compile(r"^\*?(Vårdsamverkan Västra Götaland|VVG|Styrgruppen) ")


def _sentence_label(text: str, rng: random.Random) -> str | None:
    bare = text.strip().strip("*")
    if not _SUBJECT.match(bare):
        return None
    rest = _SUBJECT.sub("", bare)
    for present, infinitive in _INFINITIVE:
        if rest.startswith(present):
            verb = rest.replace(present, infinitive, 1)
            return rng.choice(
                [f"Beslutades att {verb}", f"VVG beslutar att {verb}", f"Beslutades att {verb}"]
            )
    return None


def labels(doc: Doc, rng: random.Random) -> None:
    """Labels swapped for their synonyms; a proposal before a position; remote attendance."""
    out: list[str] = []
    proposals = 0
    for line in doc.lines:
        position = re.match(r"^Ställningstagande:\s*(.*)$", line)
        if position:
            if position.group(1) and proposals < 2 and rng.random() < 0.5:
                out += [f"Förslag till beslut: {position.group(1).strip('*')}", ""]
                proposals += 1
            sentence = _sentence_label(position.group(1), rng) if position.group(1) else None
            if sentence and rng.random() < 0.6:
                out.append(sentence)
            else:
                label = rng.choice(["Beslut:", "Beslut  :", "Ställningstagande:", "BESLUT:"])
                out.append(f"{label} {position.group(1)}".rstrip())
            continue
        presenters = re.match(r"^Föredragande:?\s+(.*)$", line)
        if presenters:
            names = presenters.group(1)
            if rng.random() < 0.6:  # the organisation after the name without a comma
                names = re.sub(r"([a-zåäö]), (VGR|Västkom|VästKom)\b", r"\1 \2", names)
                names = names.replace(", och ", " och ")
            label = rng.choice(["Föredragande:", "Föredras av", "Ansvarig:", "Föredragande"])
            out.append(f"{label} {names}")
            continue
        absent = re.match(r"^Frånvaro:\s*(.*)$", line)
        if absent:
            label = rng.choice(["Frånvarande:", "Förhindrade:", "Frånvaro:"])
            if rng.random() < 0.5:
                names = re.split(r", | och ", absent.group(1))
                out += [label, *names]
            else:
                out.append(f"{label} {absent.group(1)}")
            out += ["", *_remote(doc, rng)]
            continue
        if re.match(r"^Kallade:\s*Se lista", line):
            out += [*_remote(doc, rng), ""]
        out.append(line)
    doc.lines = out


def _remote(doc: Doc, rng: random.Random) -> list[str]:
    present = {
        "000": ["Tanja Mattsson", "Susanne Lidén", "Nina Landström"],
        "004": ["Björn Kalin", "Tina Isaksson", "Malin Camper"],
    }[doc.expected["id"]]
    names = rng.sample(present, k=2)
    doc.expected["remote"] = names
    label = rng.choice(
        [
            "Deltog digitalt:",
            "Deltar på distans:",
            "Närvaro via Skype:",
            "Närvaro via Teams:",
            "Deltar på distans",
        ]
    )
    if label.endswith(":"):
        return [f"{label} {names[0]} och {names[1]}"]
    return [label, *names]


def strip_markup(doc: Doc, rng: random.Random) -> None:
    """Plain text: no bold, emphasis, heading marks, link targets or HTML tags."""
    out = []
    for line in doc.lines:
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"</?b>|\*\*|(?<!\w)\*|\*(?!\w)", "", line)
        line = re.sub(r"^\s*#+\s*", "", line)
        out.append(line)
    doc.lines = out


def _wrap(line: str, width: int, rng: random.Random) -> list[str]:
    indent = "  " if re.match(r"^\s*[-•]\s", line) else ""
    words = line.split(" ")
    out: list[str] = []
    current = ""
    for word in words:
        room = width - len(current) - 1
        if current and len(word) > room:
            if (
                len(word) >= 10
                and room >= 5
                and word.isalpha()
                and word.islower()
                and rng.random() < 0.4
            ):
                cut = rng.randint(3, min(room - 1, len(word) - 4))
                out.append(f"{current} {word[:cut]}-")
                current = indent + word[cut:]
                continue
            out.append(current)
            current = indent + word
        else:
            current = f"{current} {word}" if current else word
    out.append(current)
    return out


def pdf_text(doc: Doc, rng: random.Random) -> None:
    """Text as a PDF export gives it: hard-wrapped lines, hyphenation, page breaks with a
    page number and the repeated page header, blank lines in odd places."""
    strip_markup(doc, rng)
    width = rng.choice([72, 78, 85, 90])
    wrapped: list[str] = []
    for line in doc.lines:
        if "\t" in line or len(line) <= width:
            wrapped.append(line.rstrip() if "\t" not in line else line)
            continue
        pieces = _wrap(line, width, rng)
        if len(pieces) > 3 and rng.random() < 0.15:  # a blank line in an odd place
            pieces.insert(2, "")
        wrapped += pieces
    exp = doc.expected
    header = rng.choice(
        [
            f"Mötesanteckning {exp['organ'].upper()} {exp['date']}",
            f"Vårdsamverkan Västra Götaland {exp['date']}",
        ]
    )
    page_length = rng.randint(40, 60)
    total = len(wrapped) // page_length + 1
    out: list[str] = []
    page = 1
    for index, line in enumerate(wrapped):
        out.append(line)
        if index and index % page_length == 0 and "\t" not in line:
            number = rng.choice([f"{page}", f"Sida {page} av {total}", f"{page} ({total})"])
            out += ["", number, f"\f{header}", ""]
            page += 1
    doc.lines = out


TRANSFORMS: dict[str, Callable[[Doc, random.Random], None]] = {
    "wrapped-titles": wrap_titles,
    "lists": numbered_lists,
    "no-title": no_title,
    "labels": labels,
    "strip": strip_markup,
    "pdf": pdf_text,
}

#: the named variants of each seed: a numbering style and transforms, in order
RECIPES: list[tuple[str, str | None, list[str]]] = [
    *((style, style, []) for style in NUMBERING),
    ("wrapped-titles", "plain", ["wrapped-titles"]),
    ("lists", None, ["lists"]),
    ("lists-plain", "plain", ["lists"]),
    ("no-title", None, ["no-title"]),
    ("labels", None, ["labels"]),
    ("strip", None, ["strip"]),
    ("pdf", None, ["pdf"]),
    ("old-pdf", "plain", ["no-title", "labels", "lists", "pdf"]),
    ("2024-set", "bold", ["labels", "wrapped-titles"]),
]
RANDOM_PER_SEED = 6


def _random_recipe(rng: random.Random) -> tuple[str | None, list[str]]:
    style = rng.choice([*NUMBERING, None])
    chosen = [t for t in ("no-title", "labels", "lists", "wrapped-titles") if rng.random() < 0.5]
    if rng.random() < 0.5:
        chosen.append(rng.choice(["strip", "pdf"]))
    if style == "bold" and "wrapped-titles" in chosen:
        chosen.remove("wrapped-titles")
    return style, chosen or ["lists"]


@dataclass
class Variant:
    name: str
    seed: str
    text: str
    expected: dict[str, Any]


def seeds() -> list[dict[str, Any]]:
    yaml = YAML(typ="safe", pure=True)
    out = []
    for path in sorted((DATA / "import_expected").glob("*.yaml")):
        expected = yaml.load(path.read_text(encoding="utf-8"))
        expected["id"] = path.stem
        out.append(expected)
    return out


def make(
    expected: dict[str, Any], style: str | None, transforms: list[str], rng: random.Random
) -> tuple[str, dict[str, Any]]:
    text = (DATA / "seeds" / expected["seed"]).read_text(encoding="utf-8")
    doc = Doc(text.split("\n"), copy.deepcopy(expected))
    if style is not None:
        _headings(doc, NUMBERING[style], rng)
    for name in transforms:
        TRANSFORMS[name](doc, rng)
    return "\n".join(doc.lines), doc.expected


def variants() -> Iterator[Variant]:
    for expected in seeds():
        rng = random.Random(f"{expected['id']}-16")
        recipes = [(name, style, list(t)) for name, style, t in RECIPES]
        for index in range(RANDOM_PER_SEED):
            style, chosen = _random_recipe(rng)
            recipes.append((f"random{index}-{style or 'as-is'}-{'+'.join(chosen)}", style, chosen))
        for name, style, chosen in recipes:
            local = random.Random(f"{expected['id']}-{name}")
            text, exp = make(expected, style, chosen, local)
            yield Variant(f"{expected['id']}-{name}", expected["id"], text, exp)
