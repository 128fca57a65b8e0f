"""Issue 18, item 3: write views name the permission they need on their registration.

The audit (``portal.security.view_audit``) lists write views guarded only by ``view``; each
changed view is checked through the pages both ways: a role that may not do it gets 403 from
the registration, the role that may still can.
"""

import pytest
from pyramid.config import Configurator

from portal.security import permissions as P
from portal.security.view_audit import write_views_guarded_by_view

#: (view name, context class name, how it is registered, permission it must name): "split" is a
#: page read with ``view`` (GET/HEAD) whose POST needs the permission; "POST" a POST-only view.
CHANGED = [
    ("leading-group", "Unit", "split", P.KEEP_DUTIES),
    ("reception-day", "Unit", "split", P.KEEP_DUTIES),
    ("reception-days", "Unit", "split", P.KEEP_DUTIES),
    ("reception-register", "Unit", None, P.KEEP_DUTIES),
    ("add-meeting", "Unit", None, P.KEEP_DUTIES),
    ("edit-meeting", "Document", None, P.KEEP_DUTIES),
    ("edit-reception", "Document", None, P.KEEP_DUTIES),
    ("add-training", "Unit", None, P.KEEP_DUTIES),
    ("monthly-report", "Unit", "split", P.SUBMIT_REPORTS),
    ("duty-log", "Unit", None, P.SUBMIT_REPORTS),
    ("duty-roster", "Unit", "POST", P.SUBMIT_REPORTS),
    ("add-risk", "Unit", None, P.SUBMIT_REPORTS),
    ("edit-risk", "Document", None, P.SUBMIT_REPORTS),
    ("major-event", "Unit", None, P.SUBMIT_REPORTS),
    ("follow-up", "MajorEvent", None, P.SUBMIT_REPORTS),
    ("zero-report", "Unit", None, P.SUBMIT_REPORTS),
    ("attachments", "Case", "split", P.WORK_ON_CASE),
    ("instruction-feedback", "Case", "POST", P.WORK_ON_CASE),
    ("raise-up", "Case", "POST", P.RAISE_CASE),
    ("acknowledge-raised", "Case", "POST", P.RAISE_CASE),
    ("add-document", "Unit", None, P.FILL_DOCUMENTS),
    ("add-document", "Case", None, P.FILL_DOCUMENTS),
    ("edit", "Document", None, P.FILL_DOCUMENTS),
    ("check", "Document", None, P.FILL_DOCUMENTS),
    ("sign-off", "Document", None, P.FILL_DOCUMENTS),
    ("correct", "Document", None, P.FILL_DOCUMENTS),
    ("return", "Document", "POST", P.FILL_DOCUMENTS),
    ("attach", "Document", "POST", P.FILL_DOCUMENTS),
]


def registered_permissions(registry, name, context_name):
    """``{request methods: permission}`` of the registrations of ``name`` on ``context_name``."""
    found = {}
    for item in registry.introspector.get_category("views"):
        intr = item["introspectable"]
        if intr["name"] != name or getattr(intr["context"], "__name__", None) != context_name:
            continue
        methods = intr["request_methods"]
        methods = (methods,) if isinstance(methods, str) else methods
        for related in item["related"]:
            if related.category_name == "permissions":
                found[methods] = related["value"]
    return found


def test_no_write_view_of_the_portal_is_guarded_by_view(app):
    """Before issue 18 item 3 there were 29; the last, the workflow's ``transition`` view, is
    registered once per permission a transition guard names (``portal.workflow.views``)."""
    assert write_views_guarded_by_view(app.registry) == []


@pytest.mark.parametrize("name,context,method,permission", CHANGED)
def test_each_changed_view_names_its_permission(app, name, context, method, permission):
    found = registered_permissions(app.registry, name, context)
    if method == "split":  # the page itself is read with ``view``; posting needs the permission
        assert found == {("GET", "HEAD"): P.VIEW, ("POST",): permission}
    elif method == "POST":
        assert found == {("POST",): permission}
    else:
        assert found == {None: permission}


def test_the_audit_sees_write_views():
    config = Configurator()

    def form(request):
        if "save" in request.POST:
            return "saved"
        return "form"

    def page(request):
        return "page"

    config.add_view(form, name="form", renderer="string", permission="view")
    config.add_view(page, name="page", renderer="string", permission="view")
    config.add_view(page, name="post", renderer="string", permission="view", request_method="POST")
    config.add_view(form, name="split", renderer="string", permission="view", request_method=("GET", "HEAD"))
    config.add_view(form, name="split", renderer="string", permission="edit", request_method="POST")
    config.add_view(form, name="precise", renderer="string", permission="edit")
    config.commit()
    assert write_views_guarded_by_view(config.registry) == ["form on None", "post on None"]


# -- through the pages: who may not gets 403 from the registration, who may still can ----------
KEEP_PAGES = ["leading-group", "reception-days", "add-meeting", "add-training"]
REPORT_PAGES = ["major-event", "duty-log", "add-risk", "monthly-report"]


@pytest.mark.parametrize("view", KEEP_PAGES)
def test_duty_records_are_kept_by_the_units_staff_only(signed_in, view):
    assessor = signed_in("assessor")  # sees every unit, keeps none of their records
    assessor.post(f"/zhongyuan/@@{view}", {"csrf_token": assessor.token, "save": "1"}, status=403)
    officer = signed_in("zy_officer")
    assert officer.get(f"/zhongyuan/@@{view}").status_int == 200
    res = officer.post(f"/zhongyuan/@@{view}", {"csrf_token": officer.token}, expect_errors=True)
    assert res.status_int in (200, 302)


def test_a_leader_may_post_on_the_reception_day_page_and_an_assessor_may_not(signed_in):
    """Leaders ask for a substitute on their reception day, so posting needs ``keep_duties``
    (which leaders and staff hold), not the staff's own rule alone."""
    assessor = signed_in("assessor")
    assert assessor.get("/zhongyuan/@@reception-day", expect_errors=True).status_int != 403
    assessor.post("/zhongyuan/@@reception-day", {"csrf_token": assessor.token}, status=403)
    leader = signed_in("zy_leader")
    res = leader.post("/zhongyuan/@@reception-day", {"csrf_token": leader.token}, expect_errors=True)
    assert res.status_int != 403


@pytest.mark.parametrize("view", REPORT_PAGES)
def test_reports_are_submitted_by_the_units_filers_only(signed_in, view):
    leader = signed_in("zy_leader")  # reads the unit's reports, files none
    leader.post(f"/zhongyuan/s01/@@{view}", {"csrf_token": leader.token, "save": "1"}, status=403)
    liaison = signed_in("zy_s01_liaison")
    assert liaison.get(f"/zhongyuan/s01/@@{view}").status_int == 200
    res = liaison.post(f"/zhongyuan/s01/@@{view}", {"csrf_token": liaison.token}, expect_errors=True)
    assert res.status_int in (200, 302)


def test_the_monthly_report_page_stays_readable_for_those_who_may_not_file(signed_in):
    leader = signed_in("zy_leader")
    assert leader.get("/zhongyuan/s01/@@monthly-report").status_int == 200
    leader.post("/zhongyuan/s01/@@monthly-report", {"csrf_token": leader.token}, status=403)


def test_the_duty_roster_takes_shifts_from_the_filers_only(signed_in):
    leader = signed_in("zy_leader")
    leader.post("/zhongyuan/@@duty-roster", {"csrf_token": leader.token}, status=403)
    officer = signed_in("zy_officer")
    res = officer.post("/zhongyuan/@@duty-roster", {"csrf_token": officer.token}, expect_errors=True)
    assert res.status_int == 302  # refused with a flash message (no period chosen), not 403


def test_a_role_that_fills_no_document_is_refused_the_documents_write_pages(monkeypatch, app, add_people):
    """``fill_documents`` comes with a role's ``fills`` row: a role without one may read a
    unit's documents but its write pages answer 403 from the registration."""
    from webtest import TestApp

    from portal.security.roles import ROLES, Role, root_acl
    from portal.testing.web import login

    monkeypatch.setitem(ROLES, "observer", Role("observer", "观察员", (P.VIEW,), P.DELEGATE_STAFF))
    root_acl.cache_clear()
    try:
        assert P.FILL_DOCUMENTS in ROLES["petition_officer"].permissions
        assert P.FILL_DOCUMENTS not in ROLES["observer"].permissions
        add_people(("observer1", "观察员甲", "/zhongyuan", "observer"))
        observer = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
        login(observer, "observer1")
        assert observer.get("/zhongyuan/@@documents").status_int == 200
        observer.get("/zhongyuan/@@add-document", {"code": "archive_lending"}, status=403)
        officer = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
        login(officer, "zy_officer")
        assert officer.get("/zhongyuan/@@add-document", {"code": "archive_lending"}).status_int == 200
    finally:
        monkeypatch.undo()
        root_acl.cache_clear()
