"""The organ and the publisher are data: ``registry/site.yaml`` (publisher, title, address,
language, feed id) read by ``publish`` and checked by ``check``; an organ's members are known
people; members without a delegation are one roster group (issue 29, parts 1 and 2)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MEETING_MD, ORGANS_YAML, RepoFactory
from vvgctl.cli.app import app
from vvgctl.errors import VvgError
from vvgctl.publish.site import publish
from vvgctl.repository.repo import Repository
from vvgctl.repository.site import site_settings

runner = CliRunner()
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_YAML = """\
publisher: Samverkansnämnden
language: sv
feed_id: example.org,2024
"""


def feed(out: Path) -> ET.Element:
    return ET.parse(out / "feed.xml").getroot()


def ids(out: Path) -> list[str]:
    root = feed(out)
    return [str(root.findtext(f"{ATOM}id"))] + [
        str(e.findtext(f"{ATOM}id")) for e in root.iter(f"{ATOM}entry")
    ]


def test_without_site_yaml_the_first_organ_publishes(make_repo: RepoFactory) -> None:
    repo = make_repo(
        files={
            "registry/organs.yaml": ORGANS_YAML.replace(
                "  - id: sro\n    name: Samrådsorganet\n    kind: political\n", ""
            ).replace("  - id: vvg\n", "  - id: sro\n    name: Samrådsorganet\n  - id: vvg\n")
        }
    )
    site = site_settings(Repository(repo))
    assert (site.publisher, site.name, site.language, site.feed_id, site.organ) == (
        "Samrådsorganet",
        "Samrådsorganet – publicerade mötesanteckningar",
        "sv",
        None,
        "sro",
    )


def test_the_site_carries_the_publisher_and_its_ids_never_the_address(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    repo = make_repo(files={"registry/site.yaml": SITE_YAML})
    plain = publish(repo, tmp_path / "plain")
    assert not any("feed_id" in w for w in plain.warnings)
    index = (tmp_path / "plain/index.html").read_text(encoding="utf-8")
    assert (
        "<title>Mötesanteckningar – Samverkansnämnden – publicerade mötesanteckningar</title>"
        in index
        and '<html lang="sv">' in index
    )
    root = feed(tmp_path / "plain")
    assert root.findtext(f"{ATOM}title") == "Samverkansnämnden – publicerade mötesanteckningar"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Samverkansnämnden"
    assert ids(tmp_path / "plain") == [
        "tag:example.org,2024:protokoll",
        "tag:example.org,2024:vvg/2025/2025-10-22",
    ]

    # the address added later, on the command line or in site.yaml: links change, ids do not
    publish(repo, tmp_path / "cli", base_url="https://example.org/p/")
    (repo / "registry/site.yaml").write_text(
        SITE_YAML + "base_url: https://example.org/protokoll\n", encoding="utf-8"
    )
    publish(repo, tmp_path / "file")
    for out, base in (
        ("cli", "https://example.org/p/"),
        ("file", "https://example.org/protokoll/"),
    ):
        assert ids(tmp_path / out) == ids(tmp_path / "plain")
        links = [link.get("href") for link in feed(tmp_path / out).iter(f"{ATOM}link")]
        assert links and all(str(link).startswith(base) for link in links)
    assert "https://example.org/protokoll/vvg/2025/2025-10-22.html" in (
        tmp_path / "file/sitemap.xml"
    ).read_text(encoding="utf-8")


def test_a_changed_site_yaml_rewrites_the_pages(make_repo: RepoFactory, tmp_path: Path) -> None:
    repo = make_repo(files={"registry/site.yaml": SITE_YAML})
    publish(repo, tmp_path / "site")
    (repo / "registry/site.yaml").write_text(
        SITE_YAML.replace("Samverkansnämnden", "Nämnden"), encoding="utf-8"
    )
    report = publish(repo, tmp_path / "site")
    assert "index.html" in report.written and "vvg/2025/2025-10-22.html" in report.written
    page = (tmp_path / "site/vvg/2025/2025-10-22.html").read_text(encoding="utf-8")
    assert "Nämnden – publicerade" in page and "Samverkansnämnden" not in page


def test_without_a_feed_id_publish_says_which_it_used(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    report = publish(make_repo(), tmp_path / "site")
    assert ids(tmp_path / "site")[0] == "tag:vvg,2025:protokoll"
    assert any("feed_id: vvg,2025" in w for w in report.warnings), report.warnings


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("publsher: X\n", "publisher"),
        ("base_url: ftp://example.org/\n", "'ftp://example.org/'"),
        ("feed_id: example.org\n", "'example.org'"),
        ("language: svenska\n", "'svenska'"),
    ],
)
def test_check_and_publish_refuse_a_bad_site_yaml(
    make_repo: RepoFactory, tmp_path: Path, text: str, says: str
) -> None:
    repo = make_repo(files={"registry/site.yaml": text})
    result = runner.invoke(app, ["check", str(repo)])
    assert result.exit_code == 1
    assert "registry/site.yaml" in result.output and says in result.output, result.output
    with pytest.raises(VvgError) as raised:
        publish(repo, tmp_path / "site")
    assert raised.value.path is not None and raised.value.path.endswith("site.yaml")


def test_the_bundled_minutes_keep_their_feed_ids() -> None:
    site = site_settings(Repository(Path(__file__).resolve().parent.parent / "minutes"))
    assert site.publisher == "Vårdsamverkan Västra Götaland"
    assert site.feed_id == "vardsamverkan.se,2025"  # the ids published before site.yaml


# -- an organ's members are known people ---------------------------------------------------

MEMBERS_YAML = ORGANS_YAML.replace(
    "    kind: political\n",
    """\
    kind: political
    members:
      - {name: Nils Holm, role: chair}
      - {name: Lotta Hjöberg}
""",
)


def meeting_naming(chair: str) -> str:
    return (
        MEETING_MD.replace("organ: vvg", "organ: sro")
        .replace("chair: Kristina Lännergren", f"chair: {chair}")
        .replace(
            """roster:
  - delegation: vastkom
    members:
      - {name: Kristina Lännergren, role: chair}
  - delegation: fyrbodal
    members:
      - {name: Tanja Mattsson, affiliation: Mellerud/Bengtsfors}
attendance:
  absent: [Tanja Mattsson]
""",
            f"""roster:
  - members:
      - {{name: {chair}, role: chair}}
""",
        )
    )


def check(repo: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["check", str(repo), "--no-cache"])
    return result.exit_code, result.output


def test_a_member_of_an_organ_is_a_known_person(make_repo: RepoFactory) -> None:
    repo = make_repo(
        files={
            "registry/organs.yaml": MEMBERS_YAML,
            "sro/2025/2025-10-22.md": meeting_naming("Nils Holm"),
        },
        meeting=False,
    )
    code, said = check(repo)
    assert code == 0, said


def test_a_misspelt_member_gets_a_suggestion_and_aliases_still_count(
    make_repo: RepoFactory,
) -> None:
    repo = make_repo(
        files={
            "registry/organs.yaml": MEMBERS_YAML,
            "sro/2025/2025-10-22.md": meeting_naming("Nils Hólm"),
        },
        meeting=False,
    )
    code, said = check(repo)
    assert code == 1 and "unknown person 'Nils Hólm'" in said and "Nils Holm" in said, said
    # Lotta Hjöberg is a member and in people.yaml, with the alias Lotta Hjoberg
    (repo / "sro/2025/2025-10-22.md").write_text(meeting_naming("Lotta Hjoberg"), encoding="utf-8")
    code, said = check(repo)
    assert code == 0 and "old spelling of 'Lotta Hjöberg'" in said, said
