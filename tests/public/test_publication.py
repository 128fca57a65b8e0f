"""Publishing and withdrawing by role, 不宜公开, preview = public page, refresh after each
transition, and the logs."""

import re

from pyramid.traversal import find_resource

from .conftest import FULL, PETITIONER


def publication_actions(site):
    return [e.action for e in site.public_area.log.values() if e.action != "issue_code"]


def article(html):
    match = re.search(r'<article id="public-progress">.*?</article>', html, re.S)
    assert match, "no progress article"
    return match.group(0)


def test_registering_unit_publishes_and_withdraws(app, seed, anon, staff_app, publish_case, site_of):
    path = seed(steps=("accept", "assign", "start_handling"))
    key = path.strip("/").replace("/", ".")
    anon.get(f"/public/progress/{key}", status=404)
    officer = staff_app("zy_officer")
    preview = officer.get(path + "/@@publication")
    assert "未公开" in preview.text
    res = publish_case(officer, path).follow()
    assert "已公开信访事项" in res.text
    public = anon.get(f"/public/progress/{key}")
    assert article(public.text) == article(res.text)  # preview shows exactly the public page
    assert "办理中" in public.text and "已交办承办单位" in public.text
    assert "承办单位：中原区第一中学" in public.text
    assert "zhongyuan" not in article(public.text)
    with site_of(app) as site:
        case = find_resource(site, path)
        assert [e.transition for e in case.workflow_history][-1] == "publish"
        log = [e for e in site.public_area.log.values() if e.action != "issue_code"]
        assert [(e.action, e.actor) for e in log] == [("publish", "zy_officer")]

    form = officer.get(path + "/@@publication").forms["withdraw-form"]
    form["reason"] = "内容需要核实"
    form.submit("action", value="withdraw", status=302)
    anon.get(f"/public/progress/{key}", status=404)
    assert key not in anon.get("/public/progress").text
    with site_of(app) as site:
        case = find_resource(site, path)
        assert case.workflow_history[-1].transition == "withdraw"
        assert case.workflow_history[-1].comment == "内容需要核实"
        assert publication_actions(site) == ["publish", "withdraw"]
    # the case's page lists its own publication lines, and no other case's
    rows = officer.get(path + "/@@publication").html.select("table.table-sm tbody tr")
    assert len(rows) == 2 and any("撤回" in r.text and "内容需要核实" in r.text for r in rows)


def test_preview_before_publishing_equals_what_is_then_public(seed, anon, staff_app, publish_case):
    path = seed(steps=FULL)
    officer = staff_app("zy_head")
    preview = officer.get(path + "/@@publication")
    assert "经查，学校收取资料费无依据" in preview.text and PETITIONER["name"] not in article(preview.text)
    publish_case(officer, path)
    key = path.strip("/").replace("/", ".")
    assert article(anon.get(f"/public/progress/{key}").text) == article(preview.text)


def test_who_may_not_publish(app, seed, staff_app, site_of):
    path = seed()
    for name in ("zy_s01_liaison", "city_leader", "js_officer", "jichu_handler"):
        t = staff_app(name)
        t.get(path + "/@@publication", status=403)
    # a unit that received the case by assignment holds roles on the case only: refused
    city_case = seed(unit="/", steps=("accept", "assign"), assign_to="/zhongyuan")
    zy = staff_app("zy_officer")
    zy.get(city_case + "/@@publication", status=403)
    # the city office may publish its own case
    staff_app("city_officer").get(city_case + "/@@publication", status=200)
    with site_of(app) as site:
        assert not site.public_area.projections


def test_unsuitable_cases_cannot_be_published(app, seed, staff_app, site_of):
    path = seed(unsuitable=True, steps=("accept",))
    officer = staff_app("zy_officer")
    page = officer.get(path + "/@@publication")
    assert "不宜公开" in page.text and "publish-form" not in page.text
    csrf = officer.get("/@@logout").forms[0]["csrf_token"].value
    res = officer.post(path + "/@@publication", {"action": "publish", "csrf_token": csrf})
    assert "不宜公开" in res.text
    with site_of(app) as site:
        assert not site.public_area.projections


def test_later_transitions_refresh_and_unsuitable_withdraws(
    app, seed, anon, staff_app, publish_case, site_of
):
    from pyramid.threadlocal import manager

    path = seed(steps=("accept", "assign", "start_handling", "submit_opinion"))
    officer = staff_app("zy_officer")
    publish_case(officer, path)
    key = path.strip("/").replace("/", ".")
    assert "已办结" not in anon.get(f"/public/progress/{key}").text
    # conclude and reply over HTTP, as staff do
    from portal.documents.api import add_document

    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            case = find_resource(site, path)
            add_document(case, "closing_report", {"note": "x"}, "zy_officer", registry=app.registry)
    finally:
        manager.pop()
    csrf = officer.get("/@@logout").forms[0]["csrf_token"].value
    for transition in ("approve_opinion", "conclude"):  # the county reviews its own (seeding)
        officer.post(
            path + "/@@transition", {"transition": transition, "comment": "", "csrf_token": csrf}, status=302
        )
    page = anon.get(f"/public/progress/{key}").text
    assert "已办结" in page
    # marked unsuitable later: the next change withdraws it
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            case = find_resource(site, path)
            case.unsuitable_for_publication = True
            from portal.resources.events import ObjectModified

            app.registry.notify(ObjectModified(case))
    finally:
        manager.pop()
    anon.get(f"/public/progress/{key}", status=404)
    with site_of(app) as site:
        assert publication_actions(site) == ["publish", "auto_withdraw"]


def test_text_that_still_identifies_someone_is_refused_with_what_and_where(
    app, seed, anon, staff_app, site_of
):
    path = seed(steps=FULL)
    officer = staff_app("zy_head")
    form = officer.get(path + "/@@publication").forms["publish-form"]
    form["summary"] = "经查，欧阳（明）华反映的收费问题属实，已责令退还。"
    res = form.submit("action", value="publish", status=200)
    warning = res.html.find(id="publication-leaks").text
    assert "未公开" in warning and "答复摘要" in warning and "姓名" in warning
    assert "（明）华" not in warning
    with site_of(app) as site:
        assert not site.public_area.projections
    anon.get("/public/progress/" + path.strip("/").replace("/", "."), status=404)
    # the preview already says so, before anyone presses 确认公开
    form = res.forms["publish-form"]
    preview = form.submit("action", value="preview", status=200)
    assert "答复摘要" in preview.html.find(id="publication-leaks").text
