"""Document numbers (文号): 机关代字〔年份〕序号号, counted per issuing unit, year and code.

The issuing unit of a document is the nearest unit at or above its container (a unit's own
documents; a case's documents are issued by the unit holding the case). Its 机关代字 is the
unit's ``document_prefix`` attribute when set, else derived from the unit (see
:func:`prefix_for`): the city bureau is 郑教信, so its twelfth monthly report of 2026 is
郑教信〔2026〕12号.

Counters live on the issuing unit in an ``OOBTree`` (``_document_numbers``) keyed
``"<year>:<code>"``. Two transactions that take a number for the same key both change the
same BTree value; ZODB cannot merge that, so the later commit fails with a ConflictError and
is retried (pyramid_retry) -- two documents never get the same number. Different codes or
years do not conflict.
"""

from BTrees.OOBTree import OOBTree
from pyramid.traversal import lineage

from portal.clock import as_date

COUNTERS = "_document_numbers"
_SHORTEN = ("区", "县", "市")


def issuing_unit(node, code=None):
    """The nearest node at or above ``node`` that is an organisation unit -- unless a container
    on the way names another issuer for documents of ``code``: its ``issuer_for(code)`` returns
    that unit (a rectification notice kept on the unit it is addressed to is issued, and
    numbered, by the petition office above it)."""
    from portal.resources import Unit

    for n in lineage(node):
        hook = getattr(n, "issuer_for", None)
        issuer = hook(code) if hook is not None and code is not None else None
        if issuer is not None:
            return issuer
        if isinstance(n, Unit):
            return n
    raise LookupError("文书不在任何机构之下")


def issuer_of(doc):
    """The unit that issued ``doc``: the signer's unit recorded at sign-off, else its issuing
    unit (:func:`issuing_unit`)."""
    path = getattr(doc, "issuer_path", None)
    if path:
        from pyramid.traversal import find_resource

        root = doc
        while root.__parent__ is not None:
            root = root.__parent__
        try:
            return find_resource(root, path)
        except KeyError:
            pass
    return issuing_unit(doc, doc.code)


def prefix_for(unit):
    """The unit's 机关代字: ``document_prefix``, 郑教信 for the city bureau, 中原教信 for the
    中原区 bureau, else the unit's name followed by 信."""
    explicit = getattr(unit, "document_prefix", "")
    if explicit:
        return explicit
    if unit.__parent__ is None:
        return "郑教信"
    if unit.kind == "county_bureau":
        short = unit.title.removesuffix("教育局")
        if len(short) == 3 and short.endswith(_SHORTEN):
            short = short[:-1]
        return f"{short}教信"
    return f"{unit.title}信"


def format_number(prefix, year, serial):
    return f"{prefix}〔{year}〕{serial}号"


def year_of(when):
    """The calendar year of ``when`` (a date or datetime) in Shanghai."""
    return as_date(when).year


def take_number(container, code, when):
    """Take the next number for ``code`` in ``when``'s year from the issuing unit of
    ``container``; return the formatted 文号. The caller's transaction holds the claim."""
    unit = issuing_unit(container, code)
    counters = getattr(unit, COUNTERS, None)
    if counters is None:
        counters = OOBTree()
        setattr(unit, COUNTERS, counters)
    year = year_of(when)
    key = f"{year}:{code}"
    serial = counters.get(key, 0) + 1
    counters[key] = serial
    return format_number(prefix_for(unit), year, serial)


def last_serial(unit, code, year):
    """How many numbers ``unit`` has given ``code`` in ``year`` (0 if none)."""
    counters = getattr(unit, COUNTERS, None)
    return counters.get(f"{year}:{code}", 0) if counters is not None else 0
