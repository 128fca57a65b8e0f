"""Turn a schema and its appstruct into rows a person reads: the view page, print and PDF.

:func:`rows` walks the schema (titles come from the schema nodes, never from code) and yields a
flat list of :class:`Row` -- groups, numbered sequence items and fields, each with a ``level``
for indentation -- so templates need no recursion. Values are formatted for print:

- dates ``2026年11月26日``, date-times ``2026年11月26日 14:30``, times ``14:30``;
- booleans 是/否; a choice shows its Chinese label; several choices are joined with 、;
- sequences become numbered items (``1. 越级上访``); an empty sequence reads 无.

Petitioner identity is whatever the schema declares (``identity`` on its fields, see
``schemas.identity``). Every function here takes a ``portal.cases.identity.Disclosure``
(``None``: masked): identity fields are shown in full or masked (张** / 138****5678), and free
text has the case's people's values masked where they occur, unless the disclosure shows them.
:func:`searchable_values` never yields identity, so it stays out of the catalog's text index.
"""

import datetime
import decimal
from dataclasses import dataclass

import colander

from portal.cases.identity import MASKED
from portal.clock import format_date_cn, to_shanghai
from schemas.identity import identity_kind

#: Fields a letter to the petitioner does not print (internal review and approval notes).
INTERNAL_FIELDS = frozenset({"department_review", "approver_opinion", "leader_opinion"})

EMPTY = (None, "", colander.null)


@dataclass(frozen=True)
class Row:
    """One line of a rendered document.

    ``kind`` is ``group`` (a heading of a nested group), ``item`` (a numbered sequence item),
    ``field`` (a short value) or ``text`` (a long, multi-line value); ``path`` is the dotted
    field path (``petitioner.name``, ``risks.0.subject``); ``identity`` the kind of identity
    the field holds (``name``, ``phone`` ...) or ``None``.
    """

    kind: str
    title: str
    text: str
    level: int
    path: str
    identity: str = None


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


def _walk(node, value, path, level, disclosure, skip):
    for child in node.children:
        if child.name in ("csrf_token",) or (level == 0 and child.name in skip):
            continue
        cpath = f"{path}.{child.name}" if path else child.name
        cvalue = (value or {}).get(child.name) if isinstance(value, dict) else None
        if _is_mapping(child):
            yield Row("group", child.title, "", level, cpath)
            yield from _walk(child, cvalue or {}, cpath, level + 1, disclosure, skip)
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
                yield from _walk(item_node, item, ipath, level + 2, disclosure, skip)
        else:
            kind = identity_kind(child)
            text = _shown(disclosure, kind, format_value(child, cvalue))
            yield Row("text" if _is_long(child) else "field", child.title, text, level, cpath, kind)


def _shown(disclosure, kind, text):
    if not text:
        return text
    return disclosure.value(kind, text) if kind else disclosure.text(text)


def rows(schema, appstruct, disclosure=None, skip=()):
    """Every row of ``appstruct`` under ``schema``, in schema order (see module docstring).

    ``disclosure`` (``None``: masked) says how identity is shown; ``skip`` names top-level
    fields left out (e.g. :data:`INTERNAL_FIELDS` for letters).
    """
    return list(_walk(schema, appstruct or {}, "", 0, disclosure or MASKED, frozenset(skip)))


def searchable_values(schema, appstruct, people=()):
    """The formatted values of every non-identity leaf, with ``people``'s identity values
    masked where free text repeats them (for the catalog's text index)."""
    out = []
    for row in rows(schema, appstruct, MASKED.with_people(people)):
        if row.kind in ("field", "text") and row.text and not row.identity:
            out.append(row.text)
    return out


def value_text(schema, appstruct, name, disclosure=None):
    """The formatted top-level field ``name`` ('' when the schema has no such field)."""
    node = schema.get(name)
    if node is None:
        return ""
    return _shown(disclosure or MASKED, identity_kind(node), format_value(node, (appstruct or {}).get(name)))


def people_in(schema, appstruct):
    """Person mappings (``name``, ``id_number``, ``phone``, ``address``) made of the identity
    fields of ``appstruct``: one per group or sequence item that holds any."""
    out = []

    def walk(node, value):
        if not isinstance(value, dict):
            return
        person = {}
        for child in node.children:
            cvalue = value.get(child.name)
            kind = identity_kind(child)
            if kind and isinstance(cvalue, str) and cvalue:
                person[kind] = cvalue
            elif _is_mapping(child):
                walk(child, cvalue)
            elif _is_sequence(child):
                for item in cvalue or ():
                    walk(child.children[0], item)
        if person:
            out.append(person)

    walk(schema, appstruct or {})
    return out
