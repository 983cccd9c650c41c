"""The Atom feed of newly published minutes (RFC 4287), newest first.

An entry's time is the day the minutes were approved (or, lacking that, the meeting's day), so
the feed changes only when the published minutes do. Without a base address the links are
relative to the feed (``xml:base`` is left out); with ``--base-url`` they are absolute.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from vvgctl.publish.collect import Summary
from vvgctl.publish.pages import SITE_NAME, href, meeting_heading

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 50


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def feed_data(summaries: list[Summary], organs: dict[str, str]) -> dict[str, Any]:
    def published(s: Summary) -> tuple[str, str]:
        return (s["approved"] or s["date"], s["slug"])

    latest = sorted(summaries, key=published, reverse=True)[:ENTRIES]
    return {"entries": [{
        "id": s["slug"], "title": meeting_heading(s, organs.get(s["organ"]) or s["organ"]),
        "href": href(s["slug"] + ".html"), "updated": _stamp(published(s)[0]),
        "items": [f"{i['number']}. {i['title']}" for i in s["items"]]} for s in latest]}


def render_feed(data: dict[str, Any], base_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = SITE_NAME
    ET.SubElement(feed, f"{{{ATOM}}}id").text = (base_url + "feed.xml" if base_url
                                                 else "tag:vardsamverkan.se,2025:protokoll")
    entries = data["entries"]
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = (entries[0]["updated"] if entries
                                                      else "2000-01-01T00:00:00Z")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Vårdsamverkan Västra Götaland"
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": base_url + "feed.xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": base_url + "index.html"})
    for entry in entries:
        node = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(node, f"{{{ATOM}}}title").text = entry["title"]
        ET.SubElement(node, f"{{{ATOM}}}id").text = (
            base_url + entry["href"] if base_url
            else f"tag:vardsamverkan.se,2025:{entry['id']}")
        ET.SubElement(node, f"{{{ATOM}}}updated").text = entry["updated"]
        ET.SubElement(node, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                "href": base_url + entry["href"]})
        ET.SubElement(node, f"{{{ATOM}}}summary").text = "Ärenden: " + "; ".join(entry["items"])
    ET.indent(feed)
    text: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return text + b"\n"
