"""The identity audit log: every view of an unmasked identity, append-only.

Stored on the site (``site.identity_audit``): an LOBTree keyed by a monotonic integer, with
immutable entries. ``case_path`` is the path of what was viewed (a case or a document on it),
``view`` what was rendered (the case page, a document page, its print page, PDF, a volume).
There is no API to change or remove an entry; administrators read it.
"""

import time
from dataclasses import dataclass
from datetime import datetime

from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from persistent import Persistent

from portal import clock


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    userid: str
    case_path: str
    case_number: str
    fields: tuple
    address: str
    view: str = ""  # what was rendered: 信访事项页面, 文书页面, 打印, PDF, 案卷 ...


class IdentityAuditLog(Persistent):
    """Append-only: ``record`` adds; ``entries`` reads newest first. Nothing edits or deletes."""

    def __init__(self):
        self._entries = LOBTree()
        self._count = Length(0)

    def record(self, userid, case_path, case_number, fields, address="", view=""):
        key = time.time_ns() // 1000
        while key in self._entries:
            key += 1
        entry = AuditEntry(clock.now(), userid, case_path, case_number, tuple(fields), address, view)
        self._entries[key] = entry
        self._count.change(1)
        return entry

    def __len__(self):
        return self._count()

    def entries(self, limit=200):
        out = []
        for key in reversed(self._entries.keys()):
            out.append(self._entries[key])
            if len(out) >= limit:
                break
        return out


def get_audit_log(site):
    log = getattr(site, "identity_audit", None)
    if log is None:
        log = site.identity_audit = IdentityAuditLog()
    return log
