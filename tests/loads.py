"""What a read loads from the database: the measure of the tests that a page's query does not
grow with the data beside it (a unit's cases, a leader's past instructions, the public log)."""

import transaction
from ZODB import DB
from ZODB.MappingStorage import MappingStorage


def loads_of(build, read, warm=None):
    """Commit what ``build(root)`` stores in a fresh in-memory database; then, in a new
    connection with empty caches, call ``warm(root)`` (to load what is not measured) and return
    ``(read(root), the number of objects read loaded)``."""
    db = DB(MappingStorage())
    try:
        conn = db.open()
        build(conn.root())
        transaction.commit()
        conn.close()
        db.cacheMinimize()
        conn = db.open()
        root = conn.root()
        if warm is not None:
            warm(root)
        conn.getTransferCounts(True)
        result = read(root)
        loads, _stores = conn.getTransferCounts()
        conn.close()
        return result, loads
    finally:
        transaction.abort()
        db.close()
