"""Deadline notices about cases reach the right people and never carry an identity."""

from datetime import timedelta

from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from portal.clock import at
from portal.notifications.centre import notifications_of
from portal.notifications.sweep import sweep
from portal.testing.web import login

from .conftest import YEAR

SECRETS = ("张三丰", "41010219800101123X", "13812345678", "建设路100号")


def test_overdue_case_notice_names_the_case_not_the_petitioner(app, register, site_of):
    from webtest import TestApp

    t = TestApp(app)
    login(t, "city_officer")
    path = register(t, subject="张三丰反映违规收费").location.replace("http://localhost", "")
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            due = find_resource(site, path).deadlines["acceptance_notice"].due.due_date
            later = at(due + timedelta(days=2), 10)
            sweep(site, app.registry, later)
        with site_of(app) as site:
            notices = list(notifications_of(site, "city_officer"))
            assert notices, "the officer who must act is warned"
            text = " ".join(f"{n.title} {n.body}" for n in notices)
            assert f"郑教信〔{YEAR}〕0001" in text
            for secret in SECRETS:
                assert secret not in text
    finally:
        manager.pop()


def test_handling_deadline_warnings_go_to_the_responsible_units_people(
    app, register, add_docs, assign, site_of, registry_pushed
):
    from webtest import TestApp

    from portal.testing.web import csrf_token

    officer, leader = TestApp(app), TestApp(app)
    login(officer, "city_officer")
    login(leader, "city_leader")
    path = register(officer).location.replace("http://localhost", "")

    def act(t, transition, comment=""):
        t.post(
            path + "@@transition",
            {"transition": transition, "comment": comment, "csrf_token": csrf_token(t)},
            status=302,
        )

    add_docs(path, "acceptance_notice")
    act(officer, "accept")
    act(leader, "instruct", "请办理")
    assign(officer, path)
    from pyramid.threadlocal import manager

    manager.push({"registry": app.registry, "request": None})  # as the sweep runs it
    try:
        with site_of(app) as site:
            recipients = find_resource(site, path).deadline_recipients("handling")
    finally:
        manager.pop()
    assert recipients == ["zy_s01_liaison"]
