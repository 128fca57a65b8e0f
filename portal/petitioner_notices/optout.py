"""The petitioner's choice on the query page: no more text messages or mail for their case.

``set_optout(site, path, True, when)`` records the choice and cancels what is still queued
(the record on the case keeps each message, marked 已取消, and every later step is recorded as
withheld with the reason, so the office gives those notices in writing); ``False`` takes the
choice back for later steps. ``is_opted_out(site, path)`` reads it.
"""

from .store import get_store

CANCELLED = "信访人已选择不接收短信和邮件通知，请书面告知"


def is_opted_out(site, path):
    store = get_store(site)
    return store is not None and path in store.optout


def set_optout(site, path, optout, when):
    store = get_store(site)
    if store is None:
        return 0
    if not optout:
        store.optout.pop(path, None)
        return 0
    store.optout[path] = when
    cancelled = 0
    for message in store.of_case(path):
        if message.status == "queued":
            store.settle(message, "cancelled", when, CANCELLED)
            cancelled += 1
    return cancelled
