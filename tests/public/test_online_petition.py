"""网上信访: a real case in the online channel with a query code shown at once; the honeypot,
the challenge, replays and floods are refused in Chinese and create nothing."""

import re

from hypatia.query import Eq
from pyramid.traversal import find_resource

from portal.public import challenge
from portal.public.views_petition import FLOODED, HONEYPOT, REPLAYED
from portal.testing.clock import start_from_environment

from .conftest import PETITIONER

YEAR = start_from_environment().year  # the suite's clock: case numbers follow it


def answer_of(page):
    question = page.forms["petition-form"]["challenge_question"].value
    digits = "零一二三四五六七八九十"
    a, op, b = re.match(r"(.+?)([加减])(.+?)等于几", question).groups()
    a, b = digits.index(a), digits.index(b)
    return str(a + b if op == "加" else a - b)


def fill(page, unit="/zhongyuan", answer=None, **over):
    form = page.forms["petition-form"]
    form["unit"] = unit
    values = {
        "name": PETITIONER["name"],
        "id_number": PETITIONER["id_number"],
        "phone": PETITIONER["phone"],
        "address": PETITIONER["address"],
        "subject": "反映学校午餐收费问题",
        "problem": "学校午餐每月另收200元。",
        "demands": "要求公开收费依据。",
    }
    values.update(over)
    for name, value in values.items():
        form[name] = value
    form["answer"] = answer if answer is not None else answer_of(page)
    return form


def cases(site):
    from portal.catalog import search

    return search(site, Eq(site.catalog["type_name"], "case")).all()


def test_online_petition_registers_a_case_and_shows_the_code(app, anon, site_of, do_lookup):
    page = anon.get("/public/petition")
    res = fill(page).submit("submit")
    assert res.status_int == 200 and "您的信访事项已提交" in res.text
    assert res.headers["Cache-Control"] == "no-store"
    code = res.html.find(id="query-code").text.strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert f"中原教信〔{YEAR}〕" in res.text
    with site_of(app) as site:
        (case,) = cases(site)
        assert case.channel == "online" and case.workflow_state == "registered"
        assert case.registering_unit == "/zhongyuan"
        assert case.identity.petitioner["name"] == PETITIONER["name"]
        assert [d.code for d in case.values()] == ["registration"]
        assert code not in repr(list(site.public_area.codes.values()))
    # the petitioner follows it at once
    own = do_lookup(anon, code, PETITIONER["phone"][-4:]).follow()
    assert "已登记，待受理" in own.text and "反映学校午餐收费问题" in own.text
    # the office sees it in its ledger and can accept it; no second code is issued
    from .conftest import staff

    officer = staff(app, "zy_officer")
    assert "新的网上信访事项" in officer.get("/@@notifications").text


def test_honeypot_and_failed_challenge_are_refused_and_create_nothing(app, anon, site_of):
    page = anon.get("/public/petition")
    form = fill(page)
    form["website"] = "http://spam.example"
    res = form.submit("submit", status=400)
    assert HONEYPOT in res.text
    page = anon.get("/public/petition")
    res = fill(page, answer="99").submit("submit", status=400)
    assert challenge.WRONG in res.text
    assert res.forms["petition-form"]["name"].value == PETITIONER["name"]  # nothing retyped
    res = fill(page, answer="").submit("submit", status=400)
    assert challenge.WRONG in res.text
    res = fill(page, phone="").submit("submit", status=400)
    assert "联系电话" in res.text and "请修改以下内容" in res.text
    with site_of(app) as site:
        assert cases(site) == []


def test_a_form_is_accepted_once(app, anon, site_of):
    page = anon.get("/public/petition")
    form = fill(page)
    form.submit("submit", status=200)
    res = form.submit("submit", status=400)
    assert REPLAYED in res.text
    with site_of(app) as site:
        assert len(cases(site)) == 1


def test_too_fast_submissions_are_refused(app_factory, site_of):
    from webtest import TestApp

    app = app_factory()  # default minimum form age (3 s)
    t = TestApp(app, extra_environ={"REMOTE_ADDR": "203.0.113.8"})
    res = fill(t.get("/public/petition")).submit("submit", status=400)
    assert challenge.TOO_FAST in res.text
    with site_of(app) as site:
        assert cases(site) == []


def test_floods_are_limited_per_address(app_factory, site_of):
    from webtest import TestApp

    app = app_factory(**{"portal.public.min_form_seconds": "0", "portal.public.petition_limit": "3"})
    t = TestApp(app, extra_environ={"REMOTE_ADDR": "203.0.113.9"})
    for i in range(3):
        fill(t.get("/public/petition"), subject=f"第{i}件事").submit("submit", status=200)
    res = fill(t.get("/public/petition"), subject="第4件事").submit("submit", status=429)
    assert FLOODED in res.text
    other = TestApp(app, extra_environ={"REMOTE_ADDR": "203.0.113.10"})
    fill(other.get("/public/petition"), subject="另一地址").submit("submit", status=200)
    with site_of(app) as site:
        assert sorted(c.subject for c in cases(site)) == ["另一地址", "第0件事", "第1件事", "第2件事"]


def test_unknown_unit_is_refused(app, anon, site_of):
    page = anon.get("/public/petition")
    form = fill(page)
    form["unit"].force_value("/zhongyuan/s01")
    res = form.submit("submit", status=400)
    assert "请选择受理单位" in res.text
    with site_of(app) as site:
        assert cases(site) == []
        assert find_resource(site, "/zhongyuan/s01") is not None
