"""A small repository for the query tests: a case that moves from information (VVG) to a
position that SRO must confirm, to SRO's confirmation; actions given and closed; a register of
governing documents."""

from __future__ import annotations

from tests.conftest import PEOPLE_YAML

ORGANS = """\
organs:
  - id: vvg
    name: Vårdsamverkan Västra Götaland
  - id: sro
    name: Samrådsorganet
    kind: political
    information_before_position: false
  - id: vardsamverkan-fyrbodal
    name: Vårdsamverkan Fyrbodal
    kind: delregional
"""

DOCUMENTS = """\
documents:
  - id: riktlinje-egenvard
    title: Länsgemensam riktlinje för egenvård
    type: guideline
    status: in_force
    adopted: 2024-06-10
    adopted_by: vvg
    review_due: 2025-06-30
  - id: rutin-samtycke
    title: Samtycke till informationsöverföring
    type: routine
    status: under_revision
    review_due: 2027-01-01
"""


def meeting(organ: str, date: str, items: str, body: str = "") -> str:
    return (
        f"---\norgan: {organ}\ndate: {date}\nplace: Teams\nmode: remote\nstatus: approved\n"
        f"items:\n{items}---\n\n{body}"
    )


SEPTEMBER = meeting(
    "vvg",
    "2025-09-11",
    """\
  - number: "4"
    title: Egenvård – uppföljning av riktlinjen
    kind: information
    case: "0755"
    presenters: [Åsa Jackson]
    decisions:
      - type: noted
        text: Vårdsamverkan Västra Götaland noterar informationen.
    actions:
      - id: underlag-trach
        text: Inkomma med ett kompletterande underlag om barn med trach.
        owner: Maria Taranger
        due_meeting: next
      - text: Skicka namnförslag till referensgruppen.
        owner_group: Beredningen
        due: 2025-10-01
""",
    """\
## 4. Egenvård – uppföljning av riktlinjen

Riktlinjen för egenvård har införts i alla delregioner.

Många frågor kommer in om egenvården
för barn på korttidsvistelse.
""",
)

FYRBODAL = meeting(
    "vardsamverkan-fyrbodal",
    "2025-10-01",
    """\
  - number: "2"
    title: Egenvård – förankring
    kind: dialog
    case: "0755"
""",
)

OCTOBER = meeting(
    "vvg",
    "2025-10-22",
    """\
  - number: "4"
    title: Förvaltningsplan SHVO 2026
    kind: information
    decisions:
      - type: endorsed
        text: VVG ställer sig bakom att beredningen tar fram en forms-enkät.
  - number: "5"
    title: Egenvård – ställningstagande
    kind: information_and_decision
    case: "0755"
    presenters: [Lotta Hjoberg]
    closes_actions: [underlag-trach]
    decisions:
      - type: endorsed
        text: VVG ställer sig bakom den reviderade riktlinjen för egenvård.
        confirm_by: sro
        governing_documents: [riktlinje-egenvard]
""",
    """\
## 4. Förvaltningsplan SHVO 2026

Beredningen skickar ut en enkät till delregionerna.

## 5. Egenvård – ställningstagande

Årets uppföljning visar att arbetet går framåt.
""",
)

SRO = meeting(
    "sro",
    "2025-11-20",
    """\
  - number: "3"
    title: Riktlinje för egenvård
    kind: decision
    case: "0755"
    decisions:
      - type: approved
        text: SRO rekommenderar huvudmännen att anta riktlinjen för egenvård.
        governing_documents: [riktlinje-egenvard]
""",
)

DECEMBER = meeting(
    "vvg",
    "2025-12-10",
    """\
  - number: "2"
    title: Medföljande personal till sjukhus
    kind: decision
    case: "0900"
    decisions:
      - type: endorsed
        text: VVG ställer sig bakom rutinen för medföljande personal.
""",
)

FILES: dict[str, str | bytes] = {
    "registry/organs.yaml": ORGANS,
    "registry/people.yaml": PEOPLE_YAML,
    "registry/documents.yaml": DOCUMENTS,
    "vvg/2025/2025-09-11.md": SEPTEMBER,
    "vardsamverkan-fyrbodal/2025/2025-10-01.md": FYRBODAL,
    "vvg/2025/2025-10-22.md": OCTOBER,
    "sro/2025/2025-11-20.md": SRO,
    "vvg/2025/2025-12-10.md": DECEMBER,
}
