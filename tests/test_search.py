"""Swedish stemming, the SQLite index (incremental, rebuilt when damaged) and `vvgctl search`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, MINUTES, RepoFactory
from tests.query_repo import FILES
from tests.test_query import line_of
from vvgctl.cli.app import app
from vvgctl.index import open_index
from vvgctl.index.database import index_file
from vvgctl.query.search import search
from vvgctl.repository.discovery import discover, meeting_files
from vvgctl.swedish.stemming import normalise, stems, words

runner = CliRunner()


@pytest.fixture
def repo(make_repo: RepoFactory) -> Path:
    return make_repo(FILES, meeting=False)


def test_stems_are_swedish_and_keep_the_letters_a_ring_and_dieresis() -> None:
    assert stems("enkäten enkäter Enkät") == ["enkät"] * 3
    assert stems("forms-enkät") == ["form", "enkät"]
    assert normalise("ÅR  och\u00a0Ar") == "år och ar"
    assert stems("år") != stems("ar")


def test_the_index_holds_the_files_check_discovers(repo: Path) -> None:
    """Issue 27: one discovery for check and the queries (no scan of the index's own)."""
    (repo / "vvg" / "README.md").write_text("# om mappen\n", encoding="utf-8")
    (repo / ".hidden").mkdir()
    (repo / ".hidden" / "x.md").write_text("---\n---\n", encoding="utf-8")
    (repo / "vvg" / "_utkast.md").write_text("---\n---\n", encoding="utf-8")
    index = open_index([repo])
    try:
        indexed = sorted(row[0] for row in index.connection.execute("SELECT path FROM files"))
    finally:
        index.connection.close()
    assert indexed == sorted(str(p.resolve()) for p in meeting_files([repo]))


def test_search_matches_by_stem_with_snippet_and_line(repo: Path) -> None:
    hits = search(open_index([repo]), "enkäter")
    october = repo / "vvg/2025/2025-10-22.md"
    found = {(h["kind"], h["item"], h["line"]) for h in hits}
    assert ("decision", "4", line_of(october, "forms-enkät")) in found
    assert ("body", "4", line_of(october, "skickar ut en enkät")) in found
    body = next(h for h in hits if h["kind"] == "body")
    assert "«enkät»" in body["snippet"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_hit_line_is_the_line_of_the_word_inside_a_paragraph(repo: Path) -> None:
    september = repo / "vvg/2025/2025-09-11.md"
    (hit,) = search(open_index([repo]), "korttidsvistelse")
    assert hit["line"] == line_of(september, "korttidsvistelse")
    assert hit["line"] == line_of(september, "Många frågor") + 1


def test_diacritics_are_letters_in_search(repo: Path) -> None:
    assert search(open_index([repo]), "årets")
    assert search(open_index([repo]), "arets") == []


def test_every_word_must_occur_and_filters_apply(repo: Path) -> None:
    index = open_index([repo])
    both = search(index, "riktlinjen egenvård")
    assert both and all(h["organ"] in ("vvg", "sro") for h in both)
    assert search(index, "egenvård kvasar") == []
    assert {h["organ"] for h in search(index, "egenvård", organ="sro")} == {"sro"}
    assert all(h["date"] >= "2025-10-01" for h in search(index, "egenvård", date_from="2025-10-01"))


def test_index_is_updated_incrementally(repo: Path) -> None:
    index = open_index([repo])
    assert index.stats.read == 5 and index.stats.rebuilt
    again = open_index([repo])
    assert again.stats.read == 0 and not again.stats.rebuilt
    september = repo / "vvg/2025/2025-09-11.md"
    september.write_text(
        september.read_text(encoding="utf-8") + "\nEn kvasar nämndes i förbigående.\n",
        encoding="utf-8",
    )
    changed = open_index([repo])
    assert changed.stats.read == 1
    assert [h["date"] for h in search(changed, "kvasar")] == ["2025-09-11"]
    september.unlink()
    gone = open_index([repo])
    assert gone.stats.removed == 1 and search(gone, "kvasar") == []


def test_a_damaged_index_is_rebuilt_without_a_traceback(repo: Path) -> None:
    open_index([repo]).connection.close()
    path = index_file(repo)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["search", "enkät", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


@pytest.mark.usefixtures("swedish")
def test_rebuild_option_and_invalid_files(repo: Path) -> None:
    (repo / "vvg/2025/2025-12-11.md").write_text("---\norgan: vvg\n", encoding="utf-8")
    result = runner.invoke(app, ["search", "egenvård", str(repo), "--rebuild"])
    assert result.exit_code == 0
    assert "1 fil är inte giltig" in result.stderr


def test_search_cli_outputs(repo: Path) -> None:
    plain = runner.invoke(app, ["search", "enkät", str(repo), "--limit", "1"])
    assert plain.exit_code == 0
    assert plain.stdout.count("\n") == 1 and "«" in plain.stdout and ".md:" in plain.stdout
    data = json.loads(runner.invoke(app, ["search", "enkät", str(repo), "-f", "json"]).stdout)
    assert {"organ", "date", "item", "snippet", "score", "file", "line"} <= set(data[0])
    empty = runner.invoke(app, ["search", "!!", str(repo)])
    assert empty.exit_code == 2


@pytest.mark.skipif(
    not (MINUTES / "vvg/2025/2025-10-22.md").exists(), reason="the real minutes are not there yet"
)
def test_real_minutes_search_egenvard() -> None:
    hits = search(open_index([MINUTES]), "egenvården")
    assert any(h["date"] == "2025-10-22" and h["item"] == "5" for h in hits)


def _answers(root: Path) -> list[str]:
    outputs = []
    for args in (
        ["decisions", str(root), "--format", "json"],
        ["search", "enkät", str(root), "--format", "json"],
        ["cases", str(root), "--format", "json"],
        ["actions", str(root), "--format", "json"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    return outputs


@pytest.mark.slow
def test_the_parallel_build_gives_the_same_answers_as_the_serial_one(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import vvgctl.index.shards as shards
    import vvgctl.index.update as update

    serial = _answers(repo)
    # many files go to workers that fill shard databases; two files a shard, so several
    # shards are merged and their file and passage ids must move past each other's
    monkeypatch.setattr(update, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(shards, "SHARD_SIZE", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setenv("VVGCTL_CACHE_DIR", str(tmp_path / "parallel"))
    assert _answers(repo) == serial
    index = open_index([repo])
    files = index.connection.execute("SELECT count(*), count(DISTINCT path) FROM files")
    assert files.fetchone() == (len(discover(repo.resolve()).files),) * 2
    orphans = index.connection.execute(
        "SELECT count(*) FROM passages p LEFT JOIN files f ON f.id = p.file_id WHERE f.id IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    # and an edit afterwards is read incrementally, as with the serial build
    october = repo / "vvg/2025/2025-10-22.md"
    october.write_text(
        october.read_text(encoding="utf-8").replace("forms-enkät", "forms-enkät om mandelträd", 1),
        encoding="utf-8",
    )
    index = open_index([repo])
    hits = search(index, "mandelträd")
    assert [h["date"] for h in hits] == ["2025-10-22"]
    index.connection.execute("INSERT INTO fts(fts, rank) VALUES('integrity-check', 1)")


def _vocab(root: Path) -> dict[str, str]:
    index = open_index([root])
    return dict(index.connection.execute("SELECT term, stem FROM vocab"))


def test_the_index_cuts_words_as_stemming_does(repo: Path) -> None:
    # FTS5 cuts the text into words; the vocabulary holds exactly those, with their stems
    index = open_index([repo])
    texts = [t for (t,) in index.connection.execute("SELECT text FROM texts")]
    expected = {w.group(0) for t in texts for w in words(normalise(t))}
    vocab = _vocab(repo)
    assert set(vocab) == expected
    assert vocab["enkät"] == "enkät"
    assert {"forms", "enkät"} <= set(vocab)  # the hyphen separates, as in stemming.words


def test_an_incremental_refresh_adds_new_forms_to_the_vocabulary(repo: Path) -> None:
    assert search(open_index([repo]), "kvasarerna") == []
    september = repo / "vvg/2025/2025-09-11.md"
    september.write_text(
        september.read_text(encoding="utf-8") + "\nKvasarernas ljus och Straße 12_b nämndes.\n",
        encoding="utf-8",
    )
    index = open_index([repo])
    assert index.stats.read == 1
    assert "kvasarernas" in _vocab(repo)
    # another form of the word finds it, through the stem shared in the vocabulary
    (hit,) = search(index, "kvasarerna")
    assert hit["date"] == "2025-09-11" and "«Kvasarernas»" in hit["snippet"]
    # case folding as in the query: ß is ss; the underscore separates like a space
    assert search(index, "STRASSE") and search(index, "straße")
    assert search(index, "12 b")
    september.unlink()
    gone = open_index([repo])
    assert search(gone, "kvasarerna") == [] and search(gone, "straße") == []
    # the search index still agrees with the passages it was built from, row for row
    gone.connection.execute("INSERT INTO fts(fts, rank) VALUES('integrity-check', 1)")


def test_a_full_build_keeps_only_the_words_the_index_holds(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vvgctl.index.update as update

    september = repo / "vvg/2025/2025-09-11.md"
    september.write_text(september.read_text(encoding="utf-8") + "\nEn kvasar.\n", encoding="utf-8")
    assert "kvasar" in _vocab(repo)
    september.unlink()
    assert "kvasar" in _vocab(repo)  # a stale word is harmless: it matches no passage
    assert search(open_index([repo]), "kvasar") == []
    # a parallel refresh (many files changed) takes the vocabulary from the index as a whole
    monkeypatch.setattr(update, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for path in meeting_files([repo]):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1000))
    index = open_index([repo])
    assert index.stats.read == 4 and not index.stats.rebuilt
    assert "kvasar" not in dict(index.connection.execute("SELECT term, stem FROM vocab"))


@pytest.mark.slow
def test_an_interrupted_parallel_build_completes_the_vocabulary_later(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vvgctl.index.shards as shards
    import vvgctl.index.update as update

    complete = _vocab(repo)
    answers = _answers(repo)

    def interrupted(connection: object) -> None:
        raise KeyboardInterrupt

    # (a context, not monkeypatch.undo(): that would undo the test's own cache folder too)
    with monkeypatch.context() as patch:
        patch.setattr(update, "PARALLEL_THRESHOLD", 1)
        patch.setattr(shards, "SHARD_SIZE", 2)
        patch.setattr(os, "cpu_count", lambda: 2)
        patch.setattr(update, "sync_vocab", interrupted)
        with pytest.raises(KeyboardInterrupt):
            open_index([repo], rebuild=True)
    # the shards were merged, the search index and the vocabulary were not: the next refresh
    # (serial) builds them
    assert _vocab(repo) == complete
    assert search(open_index([repo]), "enkäter")
    assert _answers(repo) == answers
    index = open_index([repo])
    index.connection.execute("INSERT INTO fts(fts, rank) VALUES('integrity-check', 1)")


def test_a_word_the_index_holds_takes_its_stem_from_the_vocabulary(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vvgctl.query.matching

    index = open_index([repo])

    def refuse(word: str) -> str:
        raise AssertionError(f"stemmed {word!r}")

    monkeypatch.setattr(vvgctl.query.matching, "stem", refuse)
    hits = search(index, "Enkät forms")  # both are indexed words: no stemmer needed
    assert hits and "«enkät»" in hits[0]["snippet"]
    with pytest.raises(AssertionError, match="enkäter"):
        search(index, "enkäter")  # a form no passage has: the stemmer finds its stem


def test_shards_a_killed_build_left_are_removed(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 14, item 8: a first build killed half-way left its shard folder for ever."""
    import vvgctl.index.update as update
    from vvgctl.index.database import index_file

    monkeypatch.setattr(update, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setenv("VVGCTL_CACHE_DIR", str(tmp_path / "cache"))
    stem = index_file(repo.resolve()).stem
    leftover = tmp_path / "cache" / f"{stem}-shards-killed"
    leftover.mkdir(parents=True)
    (leftover / "shard-0.sqlite3").write_bytes(b"half")
    other = tmp_path / "cache" / "index-0000000000000000-shards-busy"  # another index's
    other.mkdir()
    open_index([repo], rebuild=True).connection.close()
    assert not leftover.exists() and other.exists()


def test_a_passage_repeated_word_for_word_is_one_hit_with_its_repeats(
    make_repo: RepoFactory,
) -> None:
    from tests.conftest import MEETING_MD

    later = MEETING_MD.replace("date: 2025-10-22", "date: 2025-12-10")
    third = MEETING_MD.replace("date: 2025-10-22", "date: 2026-02-11").replace(
        "\nBakgrund.\n", "\nBakgrund, med en ny mening.\n"
    )
    root = make_repo({"vvg/2025/2025-12-10.md": later, "vvg/2026/2026-02-11.md": third})
    hits = search(open_index([root]), "bakgrund", limit=10)
    # the two meetings with "Bakgrund." are one hit (the newer), the third its own
    assert {h["date"]: h["repeats"] for h in hits} == {"2025-12-10": 1, "2026-02-11": 0}
    result = runner.invoke(
        app,
        ["search", "bakgrund", str(root)],
        env={"LANGUAGE": "sv", "LC_ALL": "", "LANG": "sv_SE.UTF-8"},
    )
    assert "(samma text i 1 möte till)" in " ".join(result.output.split())


def test_repeats_are_counted_within_the_filters_and_the_folder_asked(
    make_repo: RepoFactory,
) -> None:
    """The copies of a passage are grouped by SQLite: a copy outside --from/--to or outside
    the folder searched is neither shown nor counted, and a copy whose lines are broken
    differently is the same passage."""
    from tests.conftest import MEETING_MD

    text = "Bakgrund till ärendet om samverkan kring egenvård i hemmet."
    rewrapped = "Bakgrund till ärendet om samverkan\nkring egenvård i hemmet."
    files = {
        f"vvg/{d[:4]}/{d}.md": MEETING_MD.replace("date: 2025-10-22", f"date: {d}").replace(
            "\nBakgrund.\n", "\n" + (rewrapped if d == "2026-02-11" else text) + "\n"
        )
        for d in ("2025-10-22", "2025-12-10", "2026-02-11")
    }
    root = make_repo(files, meeting=False)
    hits = search(open_index([root]), "samverkan hemmet", limit=10)
    assert [(h["date"], h["repeats"]) for h in hits] == [("2026-02-11", 2)]
    hits = search(open_index([root]), "samverkan hemmet", date_to="2025-12-31", limit=10)
    assert [(h["date"], h["repeats"]) for h in hits] == [("2025-12-10", 1)]
    hits = search(open_index([root / "vvg" / "2025"]), "samverkan hemmet", limit=10)
    assert [(h["date"], h["repeats"]) for h in hits] == [("2025-12-10", 1)]
    result = runner.invoke(
        app,
        ["search", "hemmet", str(root / "vvg" / "2025")],
        env={"LANGUAGE": "sv", "LC_ALL": "", "LANG": "sv_SE.UTF-8"},
    )
    assert "(samma text i 1 möte till)" in " ".join(result.output.split())


def test_limit_counts_distinct_passages_not_copies(make_repo: RepoFactory) -> None:
    """Ten copies of one title do not crowd out the one body passage: --limit 2 gives both."""
    from tests.conftest import MEETING_MD

    files = {
        f"vvg/2025/2025-{m:02d}-01.md": MEETING_MD.replace(
            "date: 2025-10-22", f"date: 2025-{m:02d}-01"
        )
        for m in range(1, 10)
    }
    files["vvg/2025/2025-10-22.md"] = MEETING_MD.replace(
        "\nBakgrund.\n", "\nBakgrund och egenvård, en gång.\n"
    )
    root = make_repo(files, meeting=False)
    hits = search(open_index([root]), "egenvård", limit=2)
    assert sorted((h["kind"], h["repeats"]) for h in hits) == [("body", 0), ("title", 9)]


def test_a_text_two_meetings_share_is_indexed_once_and_kept_while_one_holds_it(
    make_repo: RepoFactory,
) -> None:
    """The search index holds each distinct text once: editing it out of one meeting keeps it
    for the other; editing it out of both takes it out of the index."""
    from tests.conftest import MEETING_MD

    shared = "\nBakgrund om trygghetslarm i hemmet.\n"
    root = make_repo(
        {
            "vvg/2025/2025-12-10.md": MEETING_MD.replace(
                "date: 2025-10-22", "date: 2025-12-10"
            ).replace("\nBakgrund.\n", shared)
        },
        meeting=True,
    )
    october = root / "vvg/2025/2025-10-22.md"
    october.write_text(
        october.read_text(encoding="utf-8").replace("\nBakgrund.\n", shared), encoding="utf-8"
    )
    index = open_index([root])
    held = index.connection.execute(
        "SELECT count(*), count(DISTINCT text_id) FROM passages WHERE kind = 'body' "
        "AND text_id IN (SELECT rowid FROM fts WHERE fts MATCH 'trygghetslarm')"
    ).fetchone()
    assert held == (2, 1)
    assert [(h["date"], h["repeats"]) for h in search(index, "trygghetslarm")] == [
        ("2025-12-10", 1)
    ]
    october.write_text(
        october.read_text(encoding="utf-8").replace(shared, "\nAnnat.\n"), encoding="utf-8"
    )
    assert [(h["date"], h["repeats"]) for h in search(open_index([root]), "trygghetslarm")] == [
        ("2025-12-10", 0)
    ]
    december = root / "vvg/2025/2025-12-10.md"
    december.write_text(
        december.read_text(encoding="utf-8").replace(shared, "\nAnnat.\n"), encoding="utf-8"
    )
    index = open_index([root])
    assert search(index, "trygghetslarm") == []
    assert index.connection.execute(
        "SELECT count(*) FROM texts WHERE text LIKE '%trygghetslarm%'"
    ).fetchone() == (0,)
    index.connection.execute("INSERT INTO fts(fts, rank) VALUES('integrity-check', 1)")


def _search_json(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["search", *args, "--format", "json", "--limit", "50"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


@pytest.mark.skipif(
    not (MINUTES / "vvg/2025/2025-10-22.md").exists(), reason="the real minutes are not there yet"
)
def test_search_reaches_the_arshjul_table_and_the_roster_of_the_real_minutes() -> None:
    october = MINUTES / "vvg/2025/2025-10-22.md"
    hits = _search_json("sjukhus", str(MINUTES))
    table = [h for h in hits if h["date"] == "2025-10-22" and h["kind"] == "table"]
    assert [h["line"] for h in table] == [line_of(october, "label: Riktlinje och rutin")]
    assert "Medföljande personal till «sjukhus»" in str(table[0]["snippet"])
    assert table[0]["item"] == "10"
    roster = [h for h in hits if h["kind"] == "roster" and h["date"] == "2025-10-22"]
    assert any(
        h["snippet"] == "Christina Nyström, «Sjukhusen» i Väster"
        and h["line"] == line_of(october, "Sjukhusen i Väster")
        for h in roster
    )
    [title] = _search_json("årshjul", str(MINUTES))
    assert (title["date"], title["kind"], title["line"]) == (
        "2025-10-22",
        "table",
        line_of(october, "title: Årshjul 2025 / 2026"),
    )
    assert str(title["snippet"]).startswith("«Årshjul» 2025 / 2026 December 2025")


def test_search_reaches_guests_attendance_corrections_and_table_cells(
    make_repo: RepoFactory,
) -> None:
    record = MEETING_MD.replace(
        "attendance:\n  absent: [Tanja Mattsson]\n",
        """\
invited:
  - {name: Lars Gelander, organisation: Västfastigheter}
attendance:
  absent: [Tanja Mattsson]
  remote: [{name: Åsa Jackson, organisation: Sahlgrenska}]
approval:
  meeting: 2025-12-10
  corrections:
    - text: Rättelse i punkt 2
      quote: Mötet hölls i Vänersborg.
      replacement: Mötet hölls i Trollhättan.
""",
    ).replace(
        """    decisions:
      - type: noted""",
        """    tables:
      - columns: [Vår, Höst]
        rows:
          - {label: Utbildning, cells: [[Kursdag om tandvård], []]}
    decisions:
      - type: noted""",
    )
    repo = make_repo({"vvg/2025/2025-10-22.md": record})
    path = repo / "vvg/2025/2025-10-22.md"
    for word, kind, needle in (
        ("västfastigheter", "invited", "Lars Gelander"),
        ("sahlgrenska", "attendance", "remote: [{name: Åsa"),
        ("trollhättan", "correction", "- text: Rättelse i punkt 2"),
        ("vänersborg", "correction", "- text: Rättelse i punkt 2"),
        ("tandvård", "table", "label: Utbildning"),
        ("höst", "table", "columns: [Vår, Höst]"),
        ("mellerud", "roster", "Mellerud/Bengtsfors}"),
    ):
        [hit] = _search_json(word, str(repo))
        assert (hit["kind"], hit["line"]) == (kind, line_of(path, needle)), word
