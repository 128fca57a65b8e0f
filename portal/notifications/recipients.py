"""Who should act on an object's deadline: the hook objects may provide, and the default.

Hook: an object that defines ``deadline_recipients(name)`` answers for itself (an iterable of
userids, e.g. the case's handler for the handling deadline). Otherwise the recipients are the
users holding ``petition_officer`` or ``petition_head`` on the nearest node, starting at the
object and walking up its lineage (respecting blocked inheritance), where anyone holds them: a
school's deadline goes to its own petition staff if it has any, else to its county's petition
section, and only then to the city office. Principals that are groups (``group:...``) are skipped.
"""

from portal.security.localroles import lineage_until_block, people_with
from portal.security.roles import role_ids

ACTING_ROLES = frozenset(role_ids("office"))


def default_recipients(obj):
    for node in lineage_until_block(obj):
        found = people_with(node, ACTING_ROLES)
        if found:
            return found
    return []


def deadline_recipients(obj, name):
    """Userids to notify about ``obj``'s deadline ``name`` (see the module contract)."""
    hook = getattr(obj, "deadline_recipients", None)
    if hook is not None:
        return list(hook(name))
    return default_recipients(obj)
