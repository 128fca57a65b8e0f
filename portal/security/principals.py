"""Principals: the strings the security policy and the catalog compare.

Four namespaces that no input can cross, each prefix added by code, never typed by a person:
``user:<userid>`` (a person; userids hold no ``:``, see ``portal.identity.logins``),
``group:<name>`` (a directory group or a group named on the sharing page), ``role:<id>``
(holding a role on the current context) and ``relation:<relation>:<role>`` (holding a role on
a unit that stands in that relation to the current context, e.g. the responsible unit of a
case; see ``portal.security.relations``). Only the security policy adds role and relation
principals. Pyramid's own ``system.Everyone`` and ``system.Authenticated`` stand beside them.
"""

USER = "user:"
GROUP = "group:"
ROLE = "role:"
RELATION = "relation:"
#: Added by the policy for a user whom an object shields itself from (a whistle-blowing case
#: and the people of the unit it reports on); such objects deny it everything first.
SHIELDED = RELATION + "shielded"


def user_principal(userid):
    """``user:<userid>``; ``ValueError`` for a userid that is not in normalised form."""
    from portal.identity.logins import InvalidLogin, normalise_login

    try:
        valid = normalise_login(userid) == userid
    except InvalidLogin:
        valid = False
    if not valid:
        raise ValueError(f"not a userid: {userid!r}")
    return USER + userid


def group_principal(name):
    name = (name or "").strip()
    if not name:
        raise ValueError("a group needs a name")
    return GROUP + name


def role_principal(role_id):
    """The principal that stands for holding ``role_id`` on the current context."""
    return ROLE + role_id


def relation_principal(relation, role_id):
    """The principal that stands for holding ``role_id`` on a unit in ``relation`` to the
    current context: ``relation:responsible:unit_liaison``."""
    return f"{RELATION}{relation}:{role_id}"


def userid_of(principal):
    """The userid of a ``user:`` principal, else None (groups, roles, system principals)."""
    return principal[len(USER) :] if principal.startswith(USER) else None


def is_group(principal):
    return principal.startswith(GROUP)
