"""The public area's stored parts: ``site.public_area``, one :class:`PublicStore`.

Contract:

- ``projections``: public key -> :class:`~portal.public.projection.Projection` (immutable plain
  data; the only thing public progress pages read); ``case_keys``: case path -> public key;
  ``newest``: (-built_at timestamp, public key) -> True, the same projections newest first, and
  ``projection_count`` their number (a ``Length``), so that the public index, the progress list
  and the feed read a page of them, never sort them all. Change projections only through
  :meth:`PublicStore.put_projection` and :meth:`PublicStore.drop_projection`.
- ``summaries``: case path -> the reply summary staff released (raw; redacted when projected).
- ``log``: (timestamp, n) -> :class:`LogEntry`, the publication log (publish, withdraw,
  automatic withdrawal) and query-code issues, never edited; ``log_by_case``: (case path,
  timestamp, n) -> True, the same keys by case (a case's publication page reads its own lines,
  never the log of every case accepted).
- ``codes``: keyed hash of a query code -> :class:`~portal.public.querycodes.CodeRecord`;
  ``code_of_case``: case path -> that hash; ``pending``: case path -> (code, issued_at) for a
  code issued at acceptance and not yet shown to staff (removed when shown).
- ``used_challenges``: nonce -> timestamp (an online petition form is accepted once).
- ``receptions``: (unit path, entry id) -> :class:`~portal.public.receptions.ReceptionEntry`.
- ``pages``: page id -> :class:`~portal.public.pages.PageText`.
- ``secret``: the HMAC key for query-code hashes and form challenges (never leaves the store).

Every container is an OOBTree, so concurrent requests writing different keys do not conflict.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

ATTRIBUTE = "public_area"
CONTAINERS = (
    "projections",
    "newest",
    "case_keys",
    "summaries",
    "log",
    "log_by_case",
    "codes",
    "code_of_case",
    "pending",
    "used_challenges",
    "receptions",
    "pages",
)


@dataclass(frozen=True)
class LogEntry:
    """One line of the publication log."""

    when: datetime
    actor: str
    action: str  # publish | withdraw | auto_withdraw | issue_code
    case_path: str
    number: str
    comment: str = ""


class PublicStore(Persistent):
    def __init__(self):
        self.secret = secrets.token_hex(32)
        self.ensure()

    projection_count = None  # a Length; None on a store kept before evolve step 30

    def ensure(self):
        """Add any container a newer version of this module declares; return True if any."""
        added = False
        for name in CONTAINERS:
            if getattr(self, name, None) is None:
                setattr(self, name, OOBTree())
                added = True
        if self.projection_count is None:
            self.projection_count = Length(0)
            added = True
        return added

    # -- projections, and their order newest first ----------------------------------------
    @staticmethod
    def _newest_key(projection):
        built = projection.built_at
        return (-built.timestamp() if built is not None else 0.0, projection.key)

    def put_projection(self, projection):
        """Store ``projection`` under its key (replacing the one there)."""
        old = self.projections.get(projection.key)
        if old is not None:
            self.newest.pop(self._newest_key(old), None)
        else:
            self.projection_count.change(1)
        self.projections[projection.key] = projection
        self.newest[self._newest_key(projection)] = True

    def drop_projection(self, key):
        """Remove the projection under ``key``; returns it, or None."""
        old = self.projections.pop(key, None)
        if old is not None:
            self.newest.pop(self._newest_key(old), None)
            self.projection_count.change(-1)
        return old

    def newest_projections(self, start=0, stop=None):
        """The projections from ``start`` to ``stop`` in the order newest first."""
        keys = islice(self.newest.keys(), start, stop)
        return [p for p in (self.projections.get(key) for _ts, key in keys) if p is not None]

    def index_projections(self):
        """(Re)build ``newest`` and ``projection_count`` from ``projections`` (evolve step 30)."""
        self.newest.clear()
        for projection in self.projections.values():
            self.newest[self._newest_key(projection)] = True
        self.projection_count = Length(len(self.newest))
        return self.projection_count()

    def record(self, entry):
        key = (entry.when.timestamp(), secrets.randbelow(2**31))
        self.log[key] = entry
        self.log_by_case[(entry.case_path, *key)] = True
        return key

    def entries_of(self, case_path):
        """The log's lines about ``case_path``, oldest first."""
        keys = self.log_by_case.keys(min=(case_path,), max=(case_path, float("inf")))
        return [entry for entry in (self.log.get(k[1:]) for k in keys) if entry is not None]


def install(site):
    """Create (or complete) ``site.public_area``; idempotent. Seeds the rules pages."""
    store = getattr(site, ATTRIBUTE, None)
    if store is None:
        store = PublicStore()
        setattr(site, ATTRIBUTE, store)
    else:
        store.ensure()
    from .pages import seed_pages

    seed_pages(store)
    return store


def get_store(site):
    """The site's :class:`PublicStore`; raises ``RuntimeError`` if the evolve step never ran."""
    store = getattr(site, ATTRIBUTE, None)
    if store is None:
        raise RuntimeError("the site has no public area: run portal-evolve")
    return store
