"""Texts kept as message parts, so they are stored once and read in any language (deadline
explanations, notification titles).

Contract: a *part* is a plain tuple ``(msgid, ((name, value), ...))``: ``msgid`` is a Chinese
message of the ``portal`` domain with ``${name}`` placeholders, each value a ``str`` or ``int``
(dates are formatted before: 2026-05-06 reads the same in every language) or a tuple of parts
(a nested text, translated in turn; ``term(msgid)`` is one part without placeholders). Parts
hold only plain values, so they are safe to store in ZODB (never a ``TranslationString``).

``render(parts)`` joins the parts' Chinese texts (the msgids filled in, byte for byte what the
portal composed before); ``render(parts, translate)`` with ``request.localizer.translate``
gives the reader's language.
"""

from translationstring import TranslationString

from . import _, chinese

DOMAIN = "portal"


def part(msgid, **mapping) -> tuple:
    """One message part: ``msgid`` (plain str, e.g. a ``_()`` marked text) with its values."""
    return (str(msgid), tuple(sorted(mapping.items())))


def term(msgid) -> tuple:
    """A nested text of one message without placeholders (a label such as 受理日)."""
    return (part(msgid),)


def joined(items, separator=_("、")) -> tuple:
    """``items`` (marked titles) as one nested text, separated by 、 (", " in English)."""
    out = []
    for i, item in enumerate(items):
        if i:
            out.append(part(separator))
        out.append(part(item))
    return tuple(out)


def from_message(message) -> tuple:
    """The part of a ``TranslationString``, to store instead of the message itself: its
    mapping's ``TranslationString`` values become nested texts; tuples of parts (``joined``,
    ``term``) and plain values stay as they are."""
    items = {}
    for name, value in (message.mapping or {}).items():
        items[name] = (from_message(value),) if isinstance(value, TranslationString) else value
    return part(message, **items)


def render(parts, translate=None) -> str:
    """The text of ``parts`` (an iterable of parts) in Chinese, or through ``translate``."""
    translate = translate or chinese
    out = []
    for msgid, items in parts:
        mapping = {
            name: render(value, translate) if isinstance(value, tuple) else value for name, value in items
        }
        out.append(translate(TranslationString(msgid, domain=DOMAIN, mapping=mapping or None)))
    return "".join(out)
