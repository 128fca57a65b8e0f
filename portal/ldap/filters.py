"""LDAP search filters. Every value placed in a filter goes through
``escape_filter_chars`` here, so ``*``, ``(``, ``)``, ``\\`` and NUL in a login or
a DN match literally and can never change a filter's structure.
"""

from __future__ import annotations

from collections.abc import Iterable

from ldap3.utils.conv import escape_filter_chars

AD_MATCHING_RULE_IN_CHAIN = "1.2.840.113556.1.4.1941"


def user_filter(template: str, login: str) -> str:
    """The user search filter: ``template`` with every ``{login}`` replaced by the escaped login."""
    return template.replace("{login}", escape_filter_chars(login))


def _any_of(attribute: str, values: Iterable[str]) -> str:
    terms = [f"({attribute}={escape_filter_chars(v)})" for v in values]
    return terms[0] if len(terms) == 1 else "(|" + "".join(terms) + ")"


def member_groups_filter(member_dns: Iterable[str]) -> str:
    """groupOfNames (``member``) or groupOfUniqueNames (``uniqueMember``) groups
    that list any of ``member_dns`` as a direct member."""
    dns = sorted(set(member_dns))
    if not dns:
        raise ValueError("member_groups_filter needs at least one DN")
    return (
        "(|"
        f"(&(objectClass=groupOfNames){_any_of('member', dns)})"
        f"(&(objectClass=groupOfUniqueNames){_any_of('uniqueMember', dns)})"
        ")"
    )


def ad_chain_groups_filter(user_dn: str) -> str:
    """Active Directory groups that contain ``user_dn`` directly or through nesting
    (LDAP_MATCHING_RULE_IN_CHAIN; AD evaluates the transitive closure server-side)."""
    return f"(&(objectClass=group)(member:{AD_MATCHING_RULE_IN_CHAIN}:={escape_filter_chars(user_dn)}))"
