"""The Atom feed of newly published progress (RFC 4287), built with ElementTree.

``atom(projections, base_url, feed_url, updated)`` returns UTF-8 bytes of a well-formed feed:
one entry per projection (newest first), its title the case number and redacted subject, its
summary the current status and last public step. Only projection fields are used.
"""

from xml.etree import ElementTree as ET

from portal import clock

NS = "http://www.w3.org/2005/Atom"
FEED_TITLE = "郑州市教育系统信访事项办理进度公开"


def _stamp(when):
    """RFC 3339 in China time (2026-11-26T10:30:00+08:00)."""
    return clock.isoformat(when or clock.now())


#: How many of the newest projections the feed carries.
FEED_LENGTH = 50


def atom(projections, page_url, feed_url, entry_url, limit=FEED_LENGTH):
    ET.register_namespace("", NS)
    feed = ET.Element(f"{{{NS}}}feed", {"xml:lang": "zh-CN"})
    items = sorted(projections, key=lambda p: p.built_at or clock.EPOCH, reverse=True)[:limit]
    ET.SubElement(feed, f"{{{NS}}}title").text = FEED_TITLE
    ET.SubElement(feed, f"{{{NS}}}id").text = feed_url
    ET.SubElement(feed, f"{{{NS}}}updated").text = _stamp(items[0].built_at if items else None)
    ET.SubElement(feed, f"{{{NS}}}link", {"rel": "self", "href": feed_url})
    ET.SubElement(feed, f"{{{NS}}}link", {"rel": "alternate", "href": page_url})
    author = ET.SubElement(feed, f"{{{NS}}}author")
    ET.SubElement(author, f"{{{NS}}}name").text = "郑州市教育局"
    for p in items:
        url = entry_url(p.key)
        entry = ET.SubElement(feed, f"{{{NS}}}entry")
        ET.SubElement(entry, f"{{{NS}}}title").text = f"{p.number} {p.subject}"
        ET.SubElement(entry, f"{{{NS}}}id").text = url
        ET.SubElement(entry, f"{{{NS}}}link", {"rel": "alternate", "href": url})
        ET.SubElement(entry, f"{{{NS}}}updated").text = _stamp(p.built_at)
        last = p.timeline[-1] if p.timeline else None
        text = f"办理状态：{p.status}"
        if last is not None:
            text += f"；最新进展：{last.on:%Y-%m-%d} {last.label}"
        ET.SubElement(entry, f"{{{NS}}}summary").text = text
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
