"""Fixtures for the workflow engine tests.

The fake request is small but real where it matters: ``has_permission``
runs Pyramid's own ``ACLHelper`` over the object's lineage with the
principals the test gives, exactly as the portal's security policy does
after expanding local roles into ``role:<id>`` principals.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from pathlib import Path

import pytest
from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, ACLHelper, Allow, Authenticated, Everyone

from portal import clock
from portal.workflow import WORKFLOWS_KEY, initialize, load_workflow

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"  # the reference example, tests only
SAMPLE_PATH = SAMPLE_DIR / "sample.toml"

ROLES = frozenset(
    {
        "petition_officer",
        "petition_head",
        "principal_leader",
        "leader_in_charge",
        "leader",
        "department_handler",
        "unit_liaison",
        "assessor",
        "site_admin",
    }
)
PERMISSIONS = frozenset({"view", "edit", "file_report", "review_report", "manage_site"})
DOCUMENTS = {"monthly_report": "信访工作月报表", "attachment": "附件"}


def not_own_submission(obj, request):
    """Four eyes: the reviewer must not be the one who last submitted."""
    submits = [e for e in obj.workflow_history if e.transition == "submit"]
    return not submits or submits[-1].actor != request.userid


not_own_submission.title = "审核人不能是提交人"

CONDITIONS = {"not_own_submission": not_own_submission, "always": lambda obj, request: True}


def known(**overrides):
    """The keyword arguments load_workflow needs, as the portal would pass them."""
    kwargs = dict(roles=ROLES, permissions=PERMISSIONS, documents=DOCUMENTS, conditions=CONDITIONS)
    kwargs.update(overrides)
    return kwargs


def at(hour: int, minute: int = 0) -> datetime:
    return clock.at(date(2026, 3, 2), hour, minute)


class Node:
    """A plain resource-tree node."""

    def __init__(self, name="", parent=None, acl=None):
        self.__name__ = name
        self.__parent__ = parent
        if acl is not None:
            self.__acl__ = acl


class Document(Persistent):
    """A persistent object that takes part in a workflow."""

    def __init__(self, name="doc", parent=None):
        self.__name__ = name
        self.__parent__ = parent


class FakeRequest:
    """Just enough of a Pyramid request for the engine.

    ``has_permission`` evaluates Pyramid's real ``ACLHelper`` over the
    context's lineage with the principals ``Everyone``, and when a user is
    given ``Authenticated``, the userid and ``role:<id>`` for each role.
    """

    def __init__(self, *roles, userid=None, registry=None):
        self.userid = userid
        principals = {Everyone}
        if userid is not None:
            principals |= {Authenticated, userid}
        principals |= {f"role:{r}" for r in roles}
        self.principals = frozenset(principals)
        self.registry = registry if registry is not None else {}

    def has_permission(self, permission, context):
        return ACLHelper().permits(context, self.principals, permission)


def minimal_definition() -> dict:
    """A fresh, valid definition dict that error tests mutate."""
    return copy.deepcopy(
        {
            "id": "mini",
            "title": "最小流程",
            "initial_state": "open",
            "permissions": ["view", "edit"],
            "states": [
                {
                    "id": "open",
                    "title": "办理中",
                    "family": "active",
                    "permissions": {"view": ["petition_officer"], "edit": ["petition_officer"]},
                },
                {
                    "id": "closed",
                    "title": "已办结",
                    "family": "closed",
                    "final": True,
                    "permissions": {"view": ["petition_officer"], "edit": []},
                },
            ],
            "transitions": [
                {
                    "id": "close",
                    "title": "办结",
                    "source": ["open"],
                    "target": "closed",
                    "guard": {"permission": "edit"},
                }
            ],
            "worklists": [
                {"id": "open_items", "title": "办理中事项", "states": ["open"], "permission": "edit"}
            ],
        }
    )


@pytest.fixture
def sample():
    return load_workflow(SAMPLE_PATH, **known())


@pytest.fixture
def tree():
    """root (site_admin: everything; assessor: view) → unit."""
    root = Node(acl=[(Allow, "role:site_admin", ALL_PERMISSIONS), (Allow, "role:assessor", "view")])
    unit = Node("unit", root)
    return root, unit


@pytest.fixture
def doc(sample, tree):
    """A document in the sample workflow's initial state, under the unit."""
    document = Document("doc", tree[1])
    initialize(document, sample, "creator", at(9))
    return document


@pytest.fixture
def request_for(sample):
    """request_for(*roles, userid="u1") → FakeRequest whose registry knows the sample workflow."""

    def make(*roles, userid="u1"):
        return FakeRequest(*roles, userid=userid, registry={WORKFLOWS_KEY: {sample.id: sample}})

    return make


# Test modules cannot import from conftest under --import-mode=importlib,
# so the helpers above are handed out as fixtures.


@pytest.fixture(name="known")
def known_fixture():
    """known(**overrides) → the keyword arguments for load_workflow."""
    return known


@pytest.fixture
def definition():
    """A fresh, valid definition dict to mutate."""
    return minimal_definition()


@pytest.fixture(name="at")
def at_fixture():
    """at(hour, minute=0) → an aware datetime on 2026-03-02 (UTC+8)."""
    return at


@pytest.fixture
def fake_request():
    """The FakeRequest class."""
    return FakeRequest


@pytest.fixture
def document_class():
    return Document


@pytest.fixture
def sample_path():
    return SAMPLE_PATH
