"""The engine on real objects, with guards evaluated by Pyramid's ACLHelper."""

import re

import pytest
from pyramid import testing
from pyramid.authorization import ACLHelper, Allow, Deny, Everyone

from portal.workflow import (
    WORKFLOWS_KEY,
    AfterTransition,
    AlreadyInitialized,
    CommentRequired,
    InvalidTransition,
    MissingDocuments,
    TransitionError,
    TransitionNotAllowed,
    WorkflowError,
    WorkflowHistory,
    WorklistQuery,
    acl_for_state,
    available_transitions,
    fire,
    get_workflow,
    initialize,
    load_workflow,
    missing_documents,
    role_principal,
    worklist_query,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
SUBMITTER, REVIEWER = "unit_liaison", "petition_head"


def ids(transitions):
    return [t.id for t in transitions]


def test_role_principal():
    assert role_principal("leader") == "role:leader"


# -- acl_for_state -------------------------------------------------------------


def test_acl_for_each_state(sample):
    managed = ("view", "file_report", "review_report")
    view = [(Allow, f"role:{r}", "view") for r in ("unit_liaison", "petition_officer", "petition_head")]
    deny_all = [(Deny, Everyone, p) for p in managed]
    assert acl_for_state(sample, "draft") == tuple(
        view + [(Allow, "role:unit_liaison", "file_report")] + deny_all
    )
    assert acl_for_state(sample, "submitted") == tuple(
        view
        + [(Allow, "role:petition_officer", "review_report"), (Allow, "role:petition_head", "review_report")]
        + deny_all
    )
    assert acl_for_state(sample, "returned") == acl_for_state(sample, "draft")
    # "view" is acquired in the final state: no Deny for it.
    assert acl_for_state(sample, "accepted") == tuple(
        view + [(Deny, Everyone, "file_report"), (Deny, Everyone, "review_report")]
    )


def test_acl_for_unknown_state(sample):
    with pytest.raises(WorkflowError):
        acl_for_state(sample, "nowhere")


def test_state_map_is_authoritative_unmanaged_left_to_parents(sample, doc, fake_request):
    admin = fake_request("site_admin", userid="admin")
    # site_admin holds ALL_PERMISSIONS on the root, but the state map decides managed permissions.
    assert not admin.has_permission("file_report", doc)
    assert not admin.has_permission("view", doc)
    # "manage_site" is not managed by the workflow: the root's grant applies.
    assert admin.has_permission("manage_site", doc)
    assert not fake_request(SUBMITTER).has_permission("manage_site", doc)


def test_acquired_permission_falls_through_to_parents(sample, doc, fake_request, request_for, at):
    assessor = fake_request("assessor", userid="a1")
    assert not assessor.has_permission("view", doc)  # draft: authoritative
    drive_to_accepted(doc, request_for, at)
    assert assessor.has_permission("view", doc)  # accepted: view acquired from the root
    assert not assessor.has_permission("file_report", doc)


# -- initialize ------------------------------------------------------------------


def test_initialize(sample, doc, at):
    assert doc.workflow_id == "sample"
    assert doc.workflow_state == "draft"
    assert doc.__acl__ == acl_for_state(sample, "draft")
    assert isinstance(doc.workflow_history, WorkflowHistory)
    (entry,) = doc.workflow_history
    assert entry.actor == "creator" and entry.when == at(9)
    assert entry.transition is None and entry.from_state is None and entry.to_state == "draft"
    assert entry.transition_title == "创建" and entry.comment == ""


def test_initialize_twice_refused(sample, doc, at):
    with pytest.raises(AlreadyInitialized):
        initialize(doc, sample, "creator", at(10))
    assert len(doc.workflow_history) == 1


def test_initialize_needs_aware_datetime(sample, document_class):
    from datetime import datetime

    obj = document_class()
    with pytest.raises(ValueError):
        initialize(obj, sample, "creator", datetime(2026, 3, 2, 9))
    assert not hasattr(obj, "workflow_state")


# -- available_transitions by role ---------------------------------------------


def test_available_transitions_by_role(doc, request_for, at):
    assert ids(available_transitions(doc, request_for(SUBMITTER))) == ["submit"]
    assert ids(available_transitions(doc, request_for(REVIEWER))) == []
    assert ids(available_transitions(doc, request_for("site_admin"))) == []
    assert ids(available_transitions(doc, request_for(userid=None))) == []
    fire(doc, "submit", request_for(SUBMITTER), actor="u1", when=at(10), documents_present={"monthly_report"})
    assert ids(available_transitions(doc, request_for(SUBMITTER))) == []
    assert ids(available_transitions(doc, request_for(REVIEWER, userid="h1"))) == ["return", "accept"]
    assert ids(available_transitions(doc, request_for("petition_officer", userid="o1"))) == [
        "return",
        "accept",
    ]
    assert ids(available_transitions(doc, request_for("leader", userid="l1"))) == []


def test_condition_hides_transition(doc, request_for, at):
    both = request_for(SUBMITTER, REVIEWER, userid="u1")
    fire(doc, "submit", both, actor="u1", when=at(10), documents_present={"monthly_report"})
    # The same person may return their own submission, not accept it.
    assert ids(available_transitions(doc, both)) == ["return"]
    with pytest.raises(TransitionNotAllowed) as info:
        fire(doc, "accept", both, actor="u1", when=at(11))
    assert "审核人不能是提交人" in info.value.message
    assert doc.workflow_state == "submitted"


def test_available_transitions_for_object_in_no_workflow(document_class, request_for):
    assert available_transitions(document_class(), request_for(SUBMITTER)) == []


# -- fire: the whole sample ----------------------------------------------------


def drive_to_accepted(doc, request_for, at):
    events = []
    officer, head = request_for(SUBMITTER, userid="u1"), request_for(REVIEWER, userid="h1")
    fire(
        doc,
        "submit",
        officer,
        actor="u1",
        when=at(10),
        documents_present={"monthly_report"},
        notify=events.append,
    )
    fire(doc, "return", head, actor="h1", comment=" 请补充事实依据。 ", when=at(11), notify=events.append)
    fire(
        doc,
        "submit",
        officer,
        actor="u1",
        when=at(12),
        documents_present=lambda obj: ["monthly_report"],
        notify=events.append,
    )
    fire(doc, "accept", head, actor="h1", comment="同意", when=at(13), notify=events.append)
    return events


def test_fire_through_every_transition(sample, doc, request_for, at):
    events = drive_to_accepted(doc, request_for, at)
    assert doc.workflow_state == "accepted"
    assert doc.__acl__ == acl_for_state(sample, "accepted")
    steps = [(e.transition, e.from_state, e.to_state, e.actor, e.comment) for e in doc.workflow_history]
    assert steps == [
        (None, None, "draft", "creator", ""),
        ("submit", "draft", "submitted", "u1", ""),
        ("return", "submitted", "returned", "h1", "请补充事实依据。"),
        ("submit", "returned", "submitted", "u1", ""),
        ("accept", "submitted", "accepted", "h1", "同意"),
    ]
    assert [(e.transition.id, e.from_state, e.to_state) for e in events] == [
        (t, f, to) for t, f, to, _a, _c in steps[1:]
    ]  # one event per transition, in order
    assert [e.transition_title for e in doc.workflow_history] == ["创建", "提交", "退回修改", "提交", "采纳"]
    assert [e.when.hour for e in doc.workflow_history] == [9, 10, 11, 12, 13]
    assert available_transitions(doc, request_for(SUBMITTER, REVIEWER, userid="x")) == []


def test_after_transition_events(sample, doc, request_for, at):
    events = drive_to_accepted(doc, request_for, at)
    assert [type(e) for e in events] == [AfterTransition] * 4
    last = events[-1]
    assert last.object is doc and last.workflow is sample
    assert last.transition is sample.transitions["accept"]
    assert (last.from_state, last.to_state, last.actor, last.comment, last.when) == (
        "submitted",
        "accepted",
        "h1",
        "同意",
        at(13),
    )
    assert last.request.userid == "h1"


def test_event_sees_the_new_state(doc, request_for, at):
    seen = []

    def notify(event):
        seen.append((event.object.workflow_state, event.object.__acl__, len(event.object.workflow_history)))

    returned = fire(
        doc,
        "submit",
        request_for(SUBMITTER),
        actor="u1",
        when=at(10),
        documents_present={"monthly_report"},
        notify=notify,
    )
    assert seen == [("submitted", doc.__acl__, 2)]
    assert isinstance(returned, AfterTransition) and returned.to_state == "submitted"


def test_acl_changes_who_may_do_what(doc, request_for, fake_request, at):
    liaison = fake_request(SUBMITTER)
    assert liaison.has_permission("file_report", doc)
    assert not fake_request(REVIEWER).has_permission("review_report", doc)
    fire(doc, "submit", request_for(SUBMITTER), actor="u1", when=at(10), documents_present={"monthly_report"})
    assert not liaison.has_permission("file_report", doc)
    assert liaison.has_permission("view", doc)
    assert fake_request(REVIEWER).has_permission("review_report", doc)
    assert fake_request("petition_officer").has_permission("review_report", doc)


# -- fire: refusals ----------------------------------------------------------------


def assert_unchanged(doc, sample, state="draft", history=1):
    assert doc.workflow_state == state
    assert doc.__acl__ == acl_for_state(sample, state)
    assert len(doc.workflow_history) == history


def test_wrong_source_state(sample, doc, request_for, at):
    with pytest.raises(InvalidTransition) as info:
        fire(doc, "accept", request_for(REVIEWER), actor="h1", when=at(10))
    assert "草稿" in info.value.message and "采纳" in info.value.message
    assert_unchanged(doc, sample)


def test_unknown_transition(sample, doc, request_for, at):
    with pytest.raises(InvalidTransition) as info:
        fire(doc, "teleport", request_for(SUBMITTER), actor="u1", when=at(10))
    assert "teleport" in info.value.message
    assert_unchanged(doc, sample)


def test_object_in_no_workflow(document_class, request_for, at):
    with pytest.raises(InvalidTransition):
        fire(document_class(), "submit", request_for(SUBMITTER), actor="u1", when=at(10))


@pytest.mark.parametrize("roles", [(REVIEWER,), ("site_admin",), ("assessor",), ()])
def test_guard_refuses_by_role(sample, doc, request_for, at, roles):
    notified = []
    with pytest.raises(TransitionNotAllowed) as info:
        fire(
            doc,
            "submit",
            request_for(*roles),
            actor="x",
            when=at(10),
            documents_present={"monthly_report"},
            notify=notified.append,
        )
    assert "无权" in info.value.message and "提交" in info.value.message
    assert notified == []
    assert_unchanged(doc, sample)


def test_submitter_cannot_review(sample, doc, request_for, at):
    fire(doc, "submit", request_for(SUBMITTER), actor="u1", when=at(10), documents_present={"monthly_report"})
    for transition in ("accept", "return"):
        with pytest.raises(TransitionNotAllowed):
            fire(doc, transition, request_for(SUBMITTER, userid="u2"), actor="u2", comment="x", when=at(11))
    assert_unchanged(doc, sample, "submitted", 2)


@pytest.mark.parametrize("comment", ["", "   ", "\n\u3000"])
def test_comment_required(sample, doc, request_for, at, comment):
    fire(doc, "submit", request_for(SUBMITTER), actor="u1", when=at(10), documents_present={"monthly_report"})
    with pytest.raises(CommentRequired) as info:
        fire(doc, "return", request_for(REVIEWER), actor="h1", comment=comment, when=at(11))
    assert "退回修改" in info.value.message and "意见" in info.value.message
    assert_unchanged(doc, sample, "submitted", 2)


@pytest.mark.parametrize("present", [set(), {"attachment"}, (), lambda obj: [], lambda obj: None, None])
def test_missing_documents(sample, doc, request_for, at, present):
    with pytest.raises(MissingDocuments) as info:
        fire(doc, "submit", request_for(SUBMITTER), actor="u1", when=at(10), documents_present=present)
    assert info.value.codes == ("monthly_report",)
    assert "信访工作月报表" in info.value.message and "monthly_report" not in info.value.message
    assert_unchanged(doc, sample)


def test_documents_default_to_none_present(sample, doc, request_for, at):
    with pytest.raises(MissingDocuments):
        fire(doc, "submit", request_for(SUBMITTER), actor="u1", when=at(10))


def test_missing_documents_helper(sample, doc):
    submit, accept = sample.transitions["submit"], sample.transitions["accept"]
    assert missing_documents(doc, submit, {"monthly_report", "attachment"}) == ()
    assert missing_documents(doc, submit, lambda obj: {"attachment"}) == ("monthly_report",)
    assert missing_documents(doc, accept, ()) == ()


def test_refusal_order_guard_before_comment_and_documents(doc, request_for, at):
    # An unauthorised user learns nothing about missing documents.
    with pytest.raises(TransitionNotAllowed):
        fire(doc, "submit", request_for(REVIEWER), actor="h1", when=at(10))


def test_exceptions_are_distinct_and_chinese(sample, doc, request_for, at):
    classes = {InvalidTransition, TransitionNotAllowed, MissingDocuments, CommentRequired}
    assert len(classes) == 4 and all(issubclass(c, TransitionError) for c in classes)
    assert not any(issubclass(a, b) for a in classes for b in classes if a is not b)
    attempts = [
        (InvalidTransition, dict(transition_id="accept", request=request_for(REVIEWER))),
        (TransitionNotAllowed, dict(transition_id="submit", request=request_for(REVIEWER))),
        (MissingDocuments, dict(transition_id="submit", request=request_for(SUBMITTER))),
    ]
    for cls, kwargs in attempts:
        with pytest.raises(cls) as info:
            fire(doc, kwargs["transition_id"], kwargs["request"], actor="x", when=at(10))
        assert CJK.search(str(info.value)) and info.value.message == str(info.value)


def test_fire_validates_when_and_actor(sample, doc, request_for, at):
    from datetime import datetime

    with pytest.raises(ValueError):
        fire(
            doc,
            "submit",
            request_for(SUBMITTER),
            actor="u1",
            when=datetime(2026, 3, 2),
            documents_present={"monthly_report"},
        )
    with pytest.raises(ValueError):
        fire(
            doc, "submit", request_for(SUBMITTER), actor="", when=at(10), documents_present={"monthly_report"}
        )
    assert_unchanged(doc, sample)


def test_notify_is_optional(doc, request_for, at):
    fire(doc, "submit", request_for(SUBMITTER), actor="u1", when=at(10), documents_present={"monthly_report"})
    assert doc.workflow_state == "submitted"


# -- finding the workflow ----------------------------------------------------------


def test_workflow_found_in_registry_or_passed(sample, doc, fake_request, definition, known, at):
    assert get_workflow(doc, fake_request(registry={WORKFLOWS_KEY: {"sample": sample}})) is sample
    bare = fake_request(SUBMITTER)  # registry without workflows
    with pytest.raises(WorkflowError):
        available_transitions(doc, bare)
    assert [t.id for t in available_transitions(doc, bare, workflow=sample)] == ["submit"]
    fire(doc, "submit", bare, actor="u1", when=at(10), documents_present={"monthly_report"}, workflow=sample)
    other = load_workflow(definition, **known())
    with pytest.raises(InvalidTransition):
        fire(doc, "accept", bare, actor="u1", when=at(11), workflow=other)
    with pytest.raises(WorkflowError):
        get_workflow(doc, fake_request(registry={WORKFLOWS_KEY: {}}))


def test_with_a_real_pyramid_request(sample, doc, at):
    """request.has_permission of a real (dummy) Pyramid request and security policy."""

    class RolePolicy:
        def __init__(self, principals):
            self.principals = principals

        def identity(self, request):
            return None

        def authenticated_userid(self, request):
            return "h1"

        def permits(self, request, context, permission):
            return ACLHelper().permits(context, self.principals, permission)

    config = testing.setUp()
    try:
        config.set_security_policy(RolePolicy({Everyone, "role:unit_liaison"}))
        request = testing.DummyRequest()
        request.registry[WORKFLOWS_KEY] = {sample.id: sample}
        assert [t.id for t in available_transitions(doc, request)] == ["submit"]
        fire(doc, "submit", request, actor="u1", when=at(10), documents_present={"monthly_report"})
        assert available_transitions(doc, request) == []
    finally:
        testing.tearDown()


# -- worklists --------------------------------------------------------------------


def test_worklist_query(sample):
    assert worklist_query(sample, "to_review") == WorklistQuery(
        workflow_id="sample",
        worklist_id="to_review",
        title="待审核",
        states=("submitted",),
        permission="review_report",
    )
    assert worklist_query(sample, "to_submit").states == ("draft", "returned")
    with pytest.raises(WorkflowError):
        worklist_query(sample, "nope")
