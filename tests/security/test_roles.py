"""The role table as data: validated, and the root ACL generated from it."""

import pytest
from pyramid.authorization import ACLHelper, Authenticated, Everyone

from portal.resources import Site
from portal.security import permissions as P
from portal.security.roles import ROLES, Role, root_acl, validate_roles


def test_every_role_of_the_domain_is_declared():
    assert set(ROLES) == {
        "site_admin",
        "petition_head",
        "petition_officer",
        "principal_leader",
        "leader_in_charge",
        "leader",
        "department_handler",
        "unit_liaison",
        "assessor",
    }
    assert all(r.title for r in ROLES.values())


def test_unknown_permission_in_a_role_stops_startup():
    bad = dict(ROLES, x=Role("x", "坏角色", ("fly",), P.DELEGATE_STAFF))
    with pytest.raises(ValueError, match="x: fly"):
        validate_roles(bad)


@pytest.mark.parametrize(
    "role,permission,allowed",
    [
        ("site_admin", P.MANAGE_SITE, True),
        ("petition_head", P.MANAGE_UNITS, True),
        ("petition_head", P.MANAGE_SITE, False),
        ("petition_officer", P.VIEW, True),
        ("petition_officer", P.MANAGE_UNITS, False),
        ("unit_liaison", P.MANAGE_SHARING, False),
        ("petition_head", P.DELEGATE_ADMIN, False),
    ],
)
def test_root_acl_follows_the_table(role, permission, allowed):
    assert bool(ACLHelper().permits(Site("市", "city_bureau"), ["role:" + role], permission)) is allowed


def test_default_deny_for_everyone_and_signed_in():
    site = Site("市", "city_bureau")
    helper = ACLHelper()
    assert not helper.permits(site, [Everyone], P.VIEW)
    assert not helper.permits(site, [Everyone, Authenticated], P.VIEW)
    assert helper.permits(site, [Everyone, Authenticated], P.VIEW_HOME)
    assert root_acl()[-1][0] == "Deny"
