"""Whether a directory entry is a disabled account, whatever the user filter says.

Contract: ``disabled_reason(entry, now)`` returns None for an account that may sign in, else a
short English reason for the log. ``now`` is the portal's clock (an aware datetime, Asia/
Shanghai); "today" is its date. An account is disabled when

- ``shadowExpire`` (RFC 2307, days since 1970-01-01) is positive and today has reached it
  (the rule of shadow(5): expired on that day);
- ``pwdAccountLockedTime`` (the password policy overlay) is present at all: locked by an
  administrator or by failed binds, which a directory without the overlay does not enforce;
- Active Directory's ``userAccountControl`` has bit 2 (ACCOUNTDISABLE).

Unparsable values count as disabled: a directory that says something we cannot read about an
account's status does not get the benefit of the doubt.
"""

from datetime import date

STATUS_ATTRIBUTES = ("shadowExpire", "pwdAccountLockedTime", "userAccountControl")
EPOCH = date(1970, 1, 1)
ACCOUNTDISABLE = 0x2


def _integer(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def disabled_reason(entry, now):
    expire = entry.first("shadowExpire")
    if expire is not None:
        days = _integer(expire)
        if days is None:
            return f"unreadable shadowExpire {expire!r}"
        if days > 0 and (now.date() - EPOCH).days >= days:
            return f"shadowExpire reached ({days})"
    if entry.first("pwdAccountLockedTime") is not None:
        return "pwdAccountLockedTime is set"
    control = entry.first("userAccountControl")
    if control is not None:
        flags = _integer(control)
        if flags is None:
            return f"unreadable userAccountControl {control!r}"
        if flags & ACCOUNTDISABLE:
            return "userAccountControl ACCOUNTDISABLE"
    return None
