"""Corrections made at approval, applied to the minutes' text where the sentence stands.

``vvgctl approve --quote OLD --replacement NEW`` changes OLD into NEW in the record, in the
front matter or the body, in the same atomic write that records the approval. The quote must
stand exactly once (within the item, when ``--item`` names one); otherwise nothing is written.
"""

from __future__ import annotations

from vvgctl.errors import VvgError
from vvgctl.models.meeting import Correction
from vvgctl.runtime.i18n import N_
from vvgctl.source import corrections as text_places
from vvgctl.source import frontmatter_edit
from vvgctl.source.loading import LoadedMeeting


def _item_lines(loaded: LoadedMeeting, number: str) -> list[range]:
    """The file lines (1-based) of item ``number``: its front matter entry and body section."""
    model, document = loaded.model, loaded.document
    if model is None or document is None:
        return []
    spans: list[range] = []
    numbers = [item.number for item in model.items]
    if number in numbers:
        index = numbers.index(number)
        start = loaded.at("items", index)[0]
        end = (loaded.at("items", index + 1)[0] if index + 1 < len(numbers)
               else document.body_line - 1)
        spans.append(range(start, end))
    sections = [s for s in document.sections]
    for position, section in enumerate(sections):
        if section.number == number:
            end = (sections[position + 1].line if position + 1 < len(sections)
                   else 10**9)
            spans.append(range(section.line, end))
    return spans


def apply(source: frontmatter_edit.Source, loaded: LoadedMeeting,
          corrections: list[Correction]) -> frontmatter_edit.Source:
    """``source`` with each correction's quote replaced; a :class:`VvgError` (nothing
    written) when a quote does not stand exactly once."""
    text = source.text(source.front)[len(source.bom):]
    path = str(source.path)
    for correction in corrections:
        if not correction.quote:
            continue
        if correction.replacement is None:
            raise VvgError(N_("a correction with a quote needs its replacement"),
                           path=path, hint=N_("give --replacement with the corrected sentence"))
        found = text_places.places(text, correction.quote)
        if correction.item and len(found) > 1:
            spans = _item_lines(loaded, correction.item)
            found = [p for p in found
                     if any(text_places.line_of(text, p[0]) in span for span in spans)]
        if len(found) != 1:
            where = f" in item {correction.item}" if correction.item else ""
            said = ("does not stand" if not found
                    else f"stands {len(found)} times")
            raise VvgError(
                N_("the quote {quote!r} {said} in the record{where}").format(
                   quote=correction.quote,
                   said=said,
                   where=where), path=path,
                hint=N_("quote the sentence as the record has it, with enough words to find "
                        "it once (line breaks and spacing may differ); nothing was written"))
        text = text_places.replace_at(text, found[0], correction.replacement)
    raw = (source.bom + text).encode("utf-8")
    return frontmatter_edit.from_bytes(source.path, raw, source.mode)
