"""人数 is asked for a group visit only (shown when 集体访 is ticked), and the server agrees:
a single petitioner is one person whatever was posted; a group must give its number."""

import bs4
from pyramid.traversal import find_resource
from webtest import TestApp

from portal.testing.web import login

from ..cases.conftest import PETITIONER


def _form(t):
    form = t.get("/@@register-case", {"channel": "visit"}).forms["portal-form"]
    for name, value in PETITIONER.items():
        form[name] = value
    form["subject"] = "反映某中学违规收费问题"
    form["problem"] = "学校以资料费名义向学生收取费用。"
    form["demands"] = "要求退还违规收取的费用。"
    return form


def _officer(app):
    t = TestApp(app)
    login(t, "city_officer")
    return t


def test_headcount_is_shown_only_for_a_group(app):
    page = _officer(app).get("/@@register-case", {"channel": "visit"})
    html = bs4.BeautifulSoup(page.text, "html.parser")
    item = html.find("input", attrs={"name": "headcount"}).find_parent(attrs={"data-shown-when": True})
    assert item["data-shown-when"] == "is_group"
    assert item.select_one("label .req") is not None  # required when shown


def test_a_single_petitioner_is_one_person_whatever_was_posted(app, site_of):
    t = _officer(app)
    form = _form(t)
    form["headcount"] = "40"
    res = form.submit("save", status=302)
    with site_of(app) as site:
        case = find_resource(site, res.location.replace("http://localhost", ""))
        assert case.headcount == 1 and not case.is_group


def test_a_group_must_say_how_many(app, site_of):
    t = _officer(app)
    form = _form(t)
    form["is_group"] = True
    form["headcount"] = ""
    res = form.submit("save", status=200)
    summary = res.html.select_one(".error-summary")
    assert "人数：集体访须填写人数" in summary.text
    assert "集体访须至少登记1名代表" in summary.text
