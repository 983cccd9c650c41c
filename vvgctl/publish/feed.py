"""The Atom feed of newly published minutes (RFC 4287), newest first.

An entry's ``published`` and ``updated`` are when the minutes were approved: the commit that
first recorded them approved, else the approving meeting's day (see
:mod:`vvgctl.repository.approved_at`); only a record with neither falls back to its meeting's
day. The feed changes only when the published minutes do, and a rebuild gives the same bytes.
Without a base address the links are relative to the feed (``xml:base`` is left out); with one
(``--base-url`` or site.yaml's ``base_url``) they are absolute.

Ids are tag URIs (RFC 4151) that never contain the base address, so that adding the address
later, or moving the site, changes no id a reader has seen: ``tag:<feed_id>:protokoll`` for the
feed and ``tag:<feed_id>:<organ>/<year>/<date>`` for a meeting. ``feed_id`` is site.yaml's (a
domain or e-mail address and a date, ``example.org,2025``); left out, it is the first organ's
id and the year of the earliest meeting published (``sro,2027``), and ``publish`` says so.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from vvgctl.publish.collect import Summary
from vvgctl.publish.pages import href, meeting_heading
from vvgctl.repository.site import Site

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 50


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def tagging_entity(site: Site, summaries: list[Summary]) -> str:
    """The ids' authority and date: site.yaml's ``feed_id``, else the first organ's id and
    the year of the earliest meeting published."""
    if site.feed_id:
        return site.feed_id
    years = [str(s["date"])[:4] for s in summaries]
    return f"{site.organ},{min(years) if years else '2000'}"


def feed_data(summaries: list[Summary], organs: dict[str, str], site: Site) -> dict[str, Any]:
    def published(s: Summary) -> tuple[str, str]:
        return (s.get("approved_at") or _stamp(s["approved"] or s["date"]), s["slug"])

    latest = sorted(summaries, key=published, reverse=True)[:ENTRIES]
    return {
        "title": site.name,
        "author": site.publisher,
        "language": site.language,
        "base_url": site.base_url,
        "entity": tagging_entity(site, summaries),
        "entries": [
            {
                "id": s["slug"],
                "title": meeting_heading(s, organs.get(s["organ"]) or s["organ"]),
                "href": href(s["slug"] + ".html"),
                "updated": published(s)[0],
                "items": [f"{i['number']}. {i['title']}" for i in s["items"]],
            }
            for s in latest
        ],
    }


def render_feed(data: dict[str, Any]) -> bytes:
    ET.register_namespace("", ATOM)
    base_url, entity = data["base_url"], data["entity"]
    feed = ET.Element(
        f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": data["language"]}
    )
    ET.SubElement(feed, f"{{{ATOM}}}title").text = data["title"]
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"tag:{entity}:protokoll"
    entries = data["entries"]
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = (
        entries[0]["updated"] if entries else "2000-01-01T00:00:00Z"
    )
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = data["author"]
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": base_url + "feed.xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": base_url + "index.html"})
    for entry in entries:
        node = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(node, f"{{{ATOM}}}title").text = entry["title"]
        ET.SubElement(node, f"{{{ATOM}}}id").text = f"tag:{entity}:{entry['id']}"
        ET.SubElement(node, f"{{{ATOM}}}published").text = entry["updated"]
        ET.SubElement(node, f"{{{ATOM}}}updated").text = entry["updated"]
        ET.SubElement(
            node,
            f"{{{ATOM}}}link",
            {"rel": "alternate", "type": "text/html", "href": base_url + entry["href"]},
        )
        ET.SubElement(node, f"{{{ATOM}}}summary").text = "Ärenden: " + "; ".join(entry["items"])
    ET.indent(feed)
    text: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return text + b"\n"
