"""How urgent a thing with deadlines is: the most urgent of its open deadlines' warning levels.

The ledger marks each case with it and the home page (我的待办) ranks and counts its items by
it; it lives here, below the home page, so that the ledger need not import the page that lists
the ledger's to-dos.
"""

#: The warning levels of an open deadline, the most urgent first.
LEVEL_ORDER = ("overdue", "due_today", "due_soon", "normal")


def urgency(request, obj):
    """The most urgent open deadline of ``obj`` as a badge dict (or None)."""
    from portal.time_limits import badge

    badges = [badge(request, d) for d in getattr(obj, "deadlines", {}).values() if d.is_open]
    badges = [b for b in badges if b["code"] in LEVEL_ORDER]
    if not badges:
        return None
    return min(badges, key=lambda b: LEVEL_ORDER.index(b["code"]))
