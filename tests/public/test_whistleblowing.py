"""A whistle-blowing case (举报) is never published, whatever the path (issue 12, item 9): the
staff publication page, the publication API, a case marked as 举报 after it was published, a
projection stored before this rule. The public pages, the Atom feed and the JSON never show it."""

import pytest
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from portal.public import publication
from portal.resources.events import ObjectModified

from .conftest import FULL, PETITIONER, registration  # noqa: F401

WHISTLE = "举报"


def _mark(app, site_of, path, **attributes):
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            case = find_resource(site, path)
            for name, value in attributes.items():
                setattr(case, name, value)
            app.registry.notify(ObjectModified(case))
    finally:
        manager.pop()


def _publicly_absent(anon, number, key):
    anon.get(f"/public/progress/{key}", status=404)
    for url in ("/public/", "/public/progress", "/public/feed.atom", "/public/statistics.json"):
        body = anon.get(url).text
        assert number not in body and key not in body, url


def _number(app, site_of, path):
    with site_of(app) as site:
        return find_resource(site, path).number


@pytest.mark.parametrize(
    "marks",
    [{"reported_unit": "/zhongyuan/s02"}, {"reported_userids": ("zy_s01_liaison",)}, {"is_report": True}],
)
def test_the_staff_page_refuses_to_publish_a_whistleblowing_case(app, seed, anon, staff_app, site_of, marks):
    path = seed(steps=FULL)
    _mark(app, site_of, path, **marks)
    officer = staff_app("zy_head")
    page = officer.get(path + "/@@publication")
    assert "举报类信访事项一律不公开" in page.text and "publish-form" not in page.text
    csrf = officer.get("/@@logout").forms[0]["csrf_token"].value
    res = officer.post(path + "/@@publication", {"action": "publish", "csrf_token": csrf})
    assert "举报类信访事项一律不公开" in res.text
    with site_of(app) as site:
        assert not site.public_area.projections
    _publicly_absent(anon, _number(app, site_of, path), path.strip("/").replace("/", "."))


def test_the_api_refuses_too(app, seed, site_of):
    path = seed(steps=("accept",))
    _mark(app, site_of, path, reported_unit="/zhongyuan/s02")
    with site_of(app) as site:
        with pytest.raises(ValueError, match="举报"):
            publication.publish(find_resource(site, path), "zy_officer")


def test_a_published_case_marked_as_whistleblowing_is_withdrawn(
    app, seed, anon, staff_app, site_of, publish_case
):
    path = seed(steps=FULL)
    publish_case(staff_app("zy_officer"), path)
    key = path.strip("/").replace("/", ".")
    anon.get(f"/public/progress/{key}", status=200)
    _mark(app, site_of, path, reported_unit="/zhongyuan/s01")
    _publicly_absent(anon, _number(app, site_of, path), key)
    with site_of(app) as site:
        assert [e.action for e in site.public_area.log.values() if e.action != "issue_code"] == [
            "publish",
            "auto_withdraw",
        ]


def test_evolve_withdraws_a_projection_stored_before_the_rule(
    app, seed, anon, staff_app, site_of, publish_case
):
    from portal.public.evolution import step_20_withdraw_published_whistleblowing

    path = seed(steps=FULL)
    publish_case(staff_app("zy_officer"), path)
    with site_of(app, commit=True) as site:  # as old data: marked without any event
        find_resource(site, path).reported_unit = "/zhongyuan/s01"
    key = path.strip("/").replace("/", ".")
    anon.get(f"/public/progress/{key}", status=200)
    with site_of(app, commit=True) as site:
        step_20_withdraw_published_whistleblowing(site)
        step_20_withdraw_published_whistleblowing(site)
    _publicly_absent(anon, _number(app, site_of, path), key)


def test_the_registration_form_keeps_the_whistleblowing_mark(app, site_of, staff_app):
    """Ticking 举报类信访事项 without naming a unit still marks the case."""
    officer = staff_app("zy_officer")
    form = officer.get("/zhongyuan/@@register-case").forms["portal-form"]
    for name, value in (
        ("name", "甲某某"),
        ("phone", "13900001111"),
        ("headcount", "1"),
        ("subject", "举报某校违规补课"),
        ("problem", "某校周末组织有偿补课。"),
        ("demands", "请查处。"),
    ):
        form[name] = value
    form["is_report"] = True
    res = form.submit("save", status=302)
    path = res.location.replace("http://localhost", "").rstrip("/")
    with site_of(app) as site:
        assert publication.is_whistleblowing(find_resource(site, path))
