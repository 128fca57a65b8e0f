"""One role table (issue 18, item 1): a new role is one row; everything that names roles (the
workflow definitions, the document registry, the documents' fill rule, the concerns' groups) is
derived from the table or checked against it at start-up."""

import dataclasses
from pathlib import Path

import pytest
from pyramid.authorization import ACLHelper
from pyramid.exceptions import ConfigurationExecutionError

from portal.documents.policy import fill_permission
from portal.resources import Site
from portal.security import permissions as P
from portal.security.principals import user_principal as U
from portal.security.roles import (
    KINDS,
    ROLES,
    Role,
    document_role_problems,
    role_ids,
    root_acl,
    validate_roles,
)
from portal.testing.web import close_app, csrf_token, login, make_app
from portal.workflow.config import load_definitions
from portal.workflow.errors import WorkflowDefinitionError
from schemas import RegistryError, document_types, validate_registry

INSPECTOR = Role(
    "inspector",
    "督查人员",
    (P.VIEW, P.SUPERVISE_CASE),
    P.DELEGATE_STAFF,
    "督查督办信访事项",
    fills={None: P.SUPERVISE_CASE},
)


@pytest.fixture
def with_inspector(monkeypatch):
    """The role table with one more row (and the root ACL rebuilt from it)."""
    monkeypatch.setitem(ROLES, INSPECTOR.id, INSPECTOR)
    root_acl.cache_clear()
    yield INSPECTOR
    monkeypatch.undo()
    root_acl.cache_clear()


def test_a_new_role_is_one_row_and_everything_validates(with_inspector):
    validate_roles(ROLES)
    # a temporary document registry with one document the new role fills
    note = dataclasses.replace(
        document_types()[0], code="inspection_note", filled_by="inspector", context="unit"
    )
    rows = validate_registry(document_types() + (note,), roles=set(ROLES))
    assert document_role_problems(rows) == []
    assert fill_permission(note) == P.SUPERVISE_CASE
    close_app(make_app("memory://"))  # the workflow definitions load against the table
    assert ACLHelper().permits(Site("市", "city_bureau"), [INSPECTOR.principal], P.SUPERVISE_CASE)
    assert not ACLHelper().permits(Site("市", "city_bureau"), [INSPECTOR.principal], P.MANAGE_UNITS)


def test_the_app_starts_with_the_new_role_and_the_sharing_page_grants_it(
    with_inspector, app_factory, site_of
):
    from pyramid.traversal import find_resource
    from webtest import TestApp

    app = app_factory()
    t = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
    login(t, "zy_head")
    options = [v for v, *_ in t.get("/zhongyuan/s01/@@sharing").forms["grant-form"]["role"].options]
    assert "inspector" in options
    page = t.post(
        "/zhongyuan/s01/@@sharing",
        {"action": "grant", "principal": "js_s01_liaison", "role": "inspector", "csrf_token": csrf_token(t)},
        status=302,
    ).follow()
    assert "已授予" in page.text and "督查人员" in page.text
    with site_of(app) as site:
        assert "inspector" in find_resource(site, "/zhongyuan/s01").__local_roles__[U("js_s01_liaison")]


def test_a_misspelt_role_in_a_workflow_definition_stops_start_up(tmp_path):
    sample = Path(__file__).resolve().parents[1] / "workflow" / "sample" / "sample.toml"
    text = sample.read_text(encoding="utf-8")
    assert '"petition_officer"' in text
    (tmp_path / "sample.toml").write_text(
        text.replace('"petition_officer"', '"petition_oficer"', 1), encoding="utf-8"
    )
    with pytest.raises((WorkflowDefinitionError, ConfigurationExecutionError)) as info:
        make_app("memory://", **{"portal.extra_workflows_dir": str(tmp_path)})
    assert "petition_oficer" in str(info.value) and "未知" in str(info.value)


def test_a_misspelt_role_in_the_document_registry_stops_start_up():
    typo = dataclasses.replace(document_types()[0], filled_by="unit_liason")
    with pytest.raises(RegistryError, match="unknown role 'unit_liason'"):
        validate_registry((typo,), roles=set(ROLES))
    assert document_role_problems((typo,)) == [
        f"document {typo.code}: filled_by names unknown role 'unit_liason'"
    ]


def test_a_role_without_a_fills_row_named_by_the_registry_stops_start_up(monkeypatch):
    monkeypatch.setitem(ROLES, "assessor", dataclasses.replace(ROLES["assessor"], fills={}))
    with pytest.raises(RegistryError, match="role 'assessor' has no fills entry"):
        load_definitions()


def test_a_role_missing_from_the_table_stops_start_up(monkeypatch):
    """Removing a row the definitions and the registry name is caught at start-up, not on a page."""
    monkeypatch.delitem(ROLES, "assessor")
    with pytest.raises(RegistryError, match="unknown role 'assessor'"):
        load_definitions()


@pytest.mark.parametrize(
    "change,message",
    [
        (dict(kinds=frozenset({"leeder"})), "unknown kind 'leeder'"),
        (dict(fills={None: "fly"}), "fly"),
        (dict(fills={"case": P.HANDLE_CASE}), "no default"),
        (dict(title=""), "not Chinese"),
        (dict(grant_permission=P.VIEW), "grant permission"),
    ],
)
def test_an_unsound_row_stops_start_up(change, message):
    bad = dict(ROLES, leader=dataclasses.replace(ROLES["leader"], **change))
    with pytest.raises(ValueError, match=message):
        validate_roles(bad)


def test_groups_are_queries_on_the_table():
    assert role_ids("leader") == ("principal_leader", "leader_in_charge", "leader")
    assert set(role_ids("office")) == {"petition_officer", "petition_head"}
    assert set(role_ids("staff")) == {"petition_officer", "petition_head", "unit_liaison"}
    assert all(role_ids(kind) for kind in KINDS)  # every declared kind has a member
    with pytest.raises(ValueError, match="unknown role kinds: ofice"):
        role_ids("ofice")


def test_the_concerns_groups_come_from_the_table():
    from portal.accountability import rectification
    from portal.duties import people
    from portal.emergencies import incidents
    from portal.prevention import backlog

    assert backlog.LEADER_ROLES == people.LEADER_ROLES == role_ids("leader")
    assert backlog.OFFICE_ROLES == frozenset(role_ids("office")) == rectification.ISSUER_ROLES
    assert incidents.HANDLER_ROLES == frozenset(role_ids("staff")) == rectification.RECTIFIER_ROLES


def test_single_roles_are_asked_by_kind_too():
    """The head who may propose accountability, the deputies of a leading group and the
    administrators told of conflicts are the table's members of a kind, not one role id each: a
    second row of the kind joins them."""
    from portal.accountability import proposals
    from portal.duties.views import leading_group

    assert proposals.HEAD_ROLES == role_ids("head") == ("petition_head",)
    assert leading_group.RESPONSIBLE_LEADERS == role_ids("responsible_leader")
    assert role_ids("admin") == ("site_admin",)
