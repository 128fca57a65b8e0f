"""The same-matter check: earlier cases with the same ID number or phone and a similar subject.

Identity values are never indexed; the catalog holds salted SHA-256 hashes of them
(``identity_keys``), so the check is one index lookup intersected with what the user may view.
"""

import hashlib

from hypatia.query import Any, Eq

from portal.catalog import search
from portal.catalog.splitter import terms


def _norm(kind, value):
    value = "".join(c for c in (value or "") if c.isalnum()).upper()
    return f"{kind}:{value}" if value else None


def identity_hashes(salt, people):
    out = set()
    for person in people:
        for kind in ("id_number", "phone"):
            token = _norm(kind, person.get(kind))
            if token:
                out.add(hashlib.sha256((salt + token).encode()).hexdigest()[:32])
    return sorted(out)


def similarity(a, b):
    """Share of the subject's character bigrams that the other subject has (0..1)."""
    ta, tb = set(terms(a)), set(terms(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def same_matter(request, people, subject, threshold=0.3, limit=10):
    """Cases the user may view that share an ID number or phone with ``people``, best first."""
    from .access import case_query

    site = request.root
    hashes = identity_hashes(getattr(site, "identity_salt", ""), people)
    viewable = case_query(request)
    if not hashes or viewable is None:
        return []
    query = Any(site.catalog["identity_keys"], hashes) & Eq(site.catalog["type_name"], "case") & viewable
    found = []
    for case in search(site, query).page(0, 200):
        score = similarity(subject, case.subject)
        if score >= threshold:
            found.append((score, case))
    found.sort(key=lambda pair: -pair[0])
    return [case for _score, case in found[:limit]]
