"""Every case transition: done by a role that may, refused to one that may not."""
from datetime import timedelta

import pytest
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from portal import clock as portal_clock
from portal.catalog import reindex_object
from portal.testing.web import csrf_token, login
from portal.workflow import acl_for_state

# transition: (state it starts from, documents it needs, who may, who may not)
MATRIX = {
    "accept": ("registered", ["acceptance_notice"], "city_officer", "city_leader"),
    "decline": ("registered", ["decline_notice"], "city_head", "city_leader"),
    "forward": ("registered", ["forward_notice"], "city_officer", "city_deputy"),
    "instruct": ("accepted", [], "city_leader", "city_officer"),
    "reject_opinion": ("opinion_submitted", [], "city_officer", "city_leader"),
    "conclude": ("opinion_submitted", ["closing_report"], "city_head", "city_leader"),
    "reply": ("concluded", ["reply"], "city_officer", "city_leader"),
    "rate": ("replied", ["satisfaction_rating"], "city_officer", "city_deputy"),
    "request_review": ("replied", ["review_request"], "city_officer", "city_leader"),
    "answer_review": ("under_review", ["review_opinion"], "city_officer", "city_leader"),
    "request_rereview": ("reviewed", ["rereview_request"], "city_officer", "city_leader"),
    "answer_rereview": ("under_rereview", ["rereview_opinion"], "city_head", "city_deputy"),
    "archive": ("rated", [], "city_officer", "city_leader"),
}


def put_in_state(app, site_of, path, state):
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            case = find_resource(site, path)
            case.workflow_state = state
            case.__acl__ = acl_for_state(app.registry["portal.workflows"]["case"], state)
            reindex_object(case, None, site)
    finally:
        manager.pop()


def state_of(app, site_of, path):
    with site_of(app) as site:
        return find_resource(site, path).workflow_state


@pytest.mark.parametrize("transition", sorted(MATRIX))
def test_transition_allowed_and_refused(transition, app, register, add_docs, site_of):
    from webtest import TestApp
    source, docs, allowed, refused = MATRIX[transition]
    officer = TestApp(app)
    login(officer, "city_officer")
    path = register(officer).location.replace("http://localhost", "")
    put_in_state(app, site_of, path, source)
    if docs:
        add_docs(path, *docs)
    target = app.registry["portal.workflows"]["case"].transitions[transition].target

    no = TestApp(app)
    login(no, refused)
    res = no.post(path + "@@transition", {"transition": transition, "comment": "意见",
                                          "csrf_token": csrf_token(no)}, expect_errors=True)
    assert res.status_int in (302, 403)
    if res.status_int == 302:
        assert "您无权执行" in res.follow().text
    assert state_of(app, site_of, path) == source

    yes = TestApp(app)
    login(yes, allowed)
    page = yes.post(path + "@@transition", {"transition": transition, "comment": "同意",
                                            "csrf_token": csrf_token(yes)}, status=302).follow()
    assert "alert-danger" not in page.text
    assert state_of(app, site_of, path) == target


def test_assignment_and_handling_by_role(app, register, add_docs, site_of, assign):
    from webtest import TestApp
    officer, liaison, other = TestApp(app), TestApp(app), TestApp(app)
    login(officer, "city_officer")
    login(liaison, "zy_s01_liaison")
    login(other, "js_s01_liaison")
    path = register(officer).location.replace("http://localhost", "")
    put_in_state(app, site_of, path, "accepted")
    liaison.get(path + "@@assign", status=403)
    assign(officer, path)
    other.get(path, status=403)  # another school's liaison never sees it
    for who, transition in ((officer, "start_handling"),):
        assert "您无权执行" in who.post(path + "@@transition", {
            "transition": transition, "csrf_token": csrf_token(who)}).follow().text
    liaison.post(path + "@@transition", {"transition": "start_handling",
                                         "csrf_token": csrf_token(liaison)})
    assert state_of(app, site_of, path) == "handling"
    add_docs(path, "investigation_report", "handling_opinion", actor="zy_s01_liaison")
    assert "您无权执行" in officer.post(path + "@@transition", {
        "transition": "submit_opinion", "csrf_token": csrf_token(officer)}).follow().text
    liaison.post(path + "@@transition", {"transition": "submit_opinion",
                                         "csrf_token": csrf_token(liaison)})
    assert state_of(app, site_of, path) == "opinion_submitted"


def test_return_within_five_working_days(app, register, site_of, assign):
    from webtest import TestApp
    from portal.cases.conditions import within_return_window
    officer, liaison = TestApp(app), TestApp(app)
    login(officer, "city_officer")
    login(liaison, "zy_s01_liaison")
    path = register(officer).location.replace("http://localhost", "")
    put_in_state(app, site_of, path, "accepted")
    assign(officer, path)
    assert "须填写意见" in liaison.post(path + "@@transition", {
        "transition": "return_case", "csrf_token": csrf_token(liaison)}).follow().text
    liaison.post(path + "@@transition", {"transition": "return_case", "comment": "不属于本校职责",
                                         "csrf_token": csrf_token(liaison)})
    assert state_of(app, site_of, path) == "accepted"

    class Entry:
        transition = "assign"
        when = portal_clock.now() - timedelta(days=30)  # 5 working days are over, even after 春节

    class Stale:
        workflow_history = [Entry()]

    class Request:
        root = None

    with site_of(app) as site:
        Request.root = site
        assert not within_return_window(Stale(), Request())
        Entry.when = portal_clock.now()
        assert within_return_window(Stale(), Request())
