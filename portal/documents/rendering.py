"""Turn a schema and its appstruct into rows a person reads: the view page, print and PDF.

:func:`rows` walks the schema (titles come from the schema nodes, never from code) and yields a
flat list of :class:`Row` -- groups, numbered sequence items and fields, each with a ``level``
for indentation -- so templates need no recursion. Values are formatted for print:

- dates ``2026年11月26日``, date-times ``2026年11月26日 14:30``, times ``14:30``;
- booleans 是/否; a choice shows its Chinese label; several choices are joined with 、;
- sequences become numbered items (``1. 越级上访``); an empty sequence reads 无.

Petitioner identity (name, ID number, phone, address of a petitioner, representative or
appellant) is masked (张** / 138****5678) unless ``show_identity`` is true, and
:func:`searchable_values` never yields it, so it stays out of the catalog's text index.
"""
import datetime
import decimal
from dataclasses import dataclass

import colander

from portal.clock import format_date_cn, to_shanghai

#: Groups (or sequences) of a schema whose identity fields are a petitioner's.
IDENTITY_GROUPS = frozenset({"petitioner", "representatives"})
#: Field names that are identity inside those groups.
IDENTITY_IN_GROUP = frozenset({"name", "id_number", "phone", "address"})
#: Top-level field names that always hold a petitioner's or visitor's identity.
IDENTITY_TOP = frozenset({"petitioner_name", "id_number", "phone", "address",
                          "visitor_name", "visitor_phone", "postal_code"})

#: Fields a letter to the petitioner does not print (internal review and approval notes).
INTERNAL_FIELDS = frozenset({"department_review", "approver_opinion", "leader_opinion"})

EMPTY = (None, "", colander.null)


@dataclass(frozen=True)
class Row:
    """One line of a rendered document.

    ``kind`` is ``group`` (a heading of a nested group), ``item`` (a numbered sequence item),
    ``field`` (a short value) or ``text`` (a long, multi-line value); ``path`` is the dotted
    field path (``petitioner.name``, ``risks.0.subject``).
    """

    kind: str
    title: str
    text: str
    level: int
    path: str


def is_identity(path):
    """True if the dotted ``path`` names a petitioner-identity field."""
    parts = [p for p in path.split(".") if not p.isdigit()]
    if len(parts) == 1:
        return parts[0] in IDENTITY_TOP
    return parts[-1] in IDENTITY_IN_GROUP and any(p in IDENTITY_GROUPS for p in parts[:-1])


def mask(path, text):
    """The masked form of an identity value: 张**, 138****5678, 410102********1236, 郑州市***."""
    if not text:
        return text
    name = path.rsplit(".", 1)[-1]
    if "phone" in name:
        return text[:3] + "****" + text[-4:] if len(text) >= 8 else "****"
    if name == "id_number":
        return text[:6] + "********" + text[-4:] if len(text) >= 10 else "****"
    if name in ("address", "postal_code"):
        return text[:3] + "***"
    return text[:1] + "*" * max(1, len(text) - 1)


def _labels(node):
    values = getattr(node.widget, "values", None) or ()
    return {value: label for value, label in values if value}


def format_value(node, value):
    """The printed text of one leaf value of ``node`` ('' when empty)."""
    if value in EMPTY:
        return ""
    typ = node.typ
    if isinstance(typ, colander.Boolean):
        return "是" if value else "否"
    if isinstance(typ, colander.Set):
        labels = _labels(node)
        ordered = [v for v, _l in (getattr(node.widget, "values", None) or ()) if v in value]
        ordered += sorted(v for v in value if v not in labels)
        return "、".join(labels.get(v, str(v)) for v in ordered)
    if isinstance(value, datetime.datetime):
        value = to_shanghai(value)
        return f"{format_date_cn(value)} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return format_date_cn(value)
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    labels = _labels(node)
    if labels and isinstance(value, str):
        return labels.get(value, value)
    return str(value)


def _is_mapping(node):
    return isinstance(node.typ, colander.Mapping)


def _is_sequence(node):
    return isinstance(node.typ, colander.Sequence) and bool(node.children)


def _is_long(node):
    return node.widget.__class__.__name__ == "TextAreaWidget"


def _walk(node, value, path, level, show_identity, skip):
    for child in node.children:
        if child.name in ("csrf_token",) or (level == 0 and child.name in skip):
            continue
        cpath = f"{path}.{child.name}" if path else child.name
        cvalue = (value or {}).get(child.name) if isinstance(value, dict) else None
        if _is_mapping(child):
            yield Row("group", child.title, "", level, cpath)
            yield from _walk(child, cvalue or {}, cpath, level + 1, show_identity, skip)
        elif _is_sequence(child):
            items = list(cvalue or ())
            item_node = child.children[0]
            if not items:
                yield Row("field", child.title, "无", level, cpath)
                continue
            yield Row("group", child.title, "", level, cpath)
            for i, item in enumerate(items, 1):
                ipath = f"{cpath}.{i - 1}"
                yield Row("item", f"{i}. {item_node.title}", "", level + 1, ipath)
                yield from _walk(item_node, item, ipath, level + 2, show_identity, skip)
        else:
            text = format_value(child, cvalue)
            if text and not show_identity and is_identity(cpath):
                text = mask(cpath, text)
            yield Row("text" if _is_long(child) else "field", child.title, text, level, cpath)


def rows(schema, appstruct, show_identity=False, skip=()):
    """Every row of ``appstruct`` under ``schema``, in schema order (see module docstring).

    ``skip`` names top-level fields left out (e.g. :data:`INTERNAL_FIELDS` for letters).
    """
    return list(_walk(schema, appstruct or {}, "", 0, show_identity, frozenset(skip)))


def searchable_values(schema, appstruct):
    """The formatted values of every non-identity leaf (for the catalog's text index)."""
    out = []
    for row in rows(schema, appstruct, show_identity=True):
        if row.kind in ("field", "text") and row.text and not is_identity(row.path):
            out.append(row.text)
    return out


def value_text(schema, appstruct, name, show_identity=False):
    """The formatted top-level field ``name`` ('' when the schema has no such field)."""
    node = schema.get(name)
    if node is None:
        return ""
    text = format_value(node, (appstruct or {}).get(name))
    if text and not show_identity and is_identity(name):
        text = mask(name, text)
    return text
