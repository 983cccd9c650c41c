"""The sitemap (sitemaps.org 0.9) of every HTML page of the site.

The protocol asks for absolute addresses: give ``--base-url`` when publishing for a host.
Without it the locations are relative to the site's root, which a browser resolves but a
search engine does not (``vvgctl publish`` says so).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from vvgctl.publish.pages import href

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def render_sitemap(pages: list[str], base_url: str) -> bytes:
    ET.register_namespace("", NS)
    urlset = ET.Element(f"{{{NS}}}urlset")
    for page in sorted(pages):
        url = ET.SubElement(urlset, f"{{{NS}}}url")
        ET.SubElement(url, f"{{{NS}}}loc").text = base_url + href(page)
    ET.indent(urlset)
    text: bytes = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return text + b"\n"
