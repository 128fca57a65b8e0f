"""Attack class: resource exhaustion through one request (issue 12, item 14).

10,000 representatives in one POST took 38 s and returned 22 MB before the "at most 5" error.
Oversized bodies and forms with too many fields (or peppercorn groups) are refused before
anything parses them (``portal.security.limits``): a clear Chinese page, nothing changed.
"""

from urllib.parse import urlencode

import pytest
from webtest import TestApp

from portal.security import limits
from portal.testing.web import csrf_token, login

TOO_MANY = "提交的内容过多"
TOO_LARGE = "提交的内容过大"


def registration(token, representatives):
    fields = [
        ("csrf_token", token),
        ("__formid__", "portal-form"),
        ("channel", "visit"),
        ("name", "张三"),
        ("phone", "13900001111"),
        ("headcount", "2"),
        ("subject", "反映收费问题"),
        ("problem", "收费"),
        ("demands", "退费"),
    ]
    fields.append(("__start__", "representatives:sequence"))
    for i in range(representatives):
        fields += [
            ("__start__", "item:mapping"),
            ("name", f"代表{i}"),
            ("id_number", ""),
            ("phone", ""),
            ("address", ""),
            ("__end__", "item:mapping"),
        ]
    fields += [("__end__", "representatives:sequence"), ("save", "save")]
    return fields


@pytest.fixture
def officer(app):
    t = TestApp(app, extra_environ={"REMOTE_ADDR": "10.0.0.5"})
    login(t, "zy_officer")
    t.token = csrf_token(t)
    return t


def test_ten_thousand_representatives_are_refused_before_parsing(officer, app, site_of, monkeypatch):
    parsed = []
    from webob import multidict

    real = multidict.MultiDict.from_fieldstorage
    monkeypatch.setattr(
        multidict.MultiDict,
        "from_fieldstorage",
        classmethod(lambda cls, fs: parsed.append(1) or real.__func__(cls, fs)),
    )
    body = urlencode(registration(officer.token, 10_000)).encode()
    res = officer.post(
        "/zhongyuan/@@register-case",
        body,
        expect_errors=True,
        content_type="application/x-www-form-urlencoded",
    )
    assert res.status_int in (400, 413)  # too large or too many fields: either, at the front
    assert "未予处理" in res.text and len(res.body) < 50_000
    assert not parsed  # nothing parsed the body, not even the refusal page
    with site_of(app) as site:
        assert not [c for c in site["zhongyuan"].values() if getattr(c, "type_name", "") == "case"]


def test_many_small_fields_are_refused_before_parsing(officer):
    fields = registration(officer.token, 5) + [("x", "")] * limits.MAX_FIELDS
    res = officer.post(
        "/zhongyuan/@@register-case",
        urlencode(fields).encode(),
        status=400,
        content_type="application/x-www-form-urlencoded",
    )
    assert TOO_MANY in res.text


def test_many_peppercorn_groups_are_refused(officer):
    fields = registration(officer.token, limits.MAX_GROUPS)
    res = officer.post(
        "/zhongyuan/@@register-case",
        urlencode(fields).encode(),
        status=400,
        content_type="application/x-www-form-urlencoded",
    )
    assert TOO_MANY in res.text


def test_six_representatives_get_the_forms_own_answer(officer):
    """Below the limits the form itself answers (deform's "at most 5"), with a small page."""
    res = officer.post("/zhongyuan/@@register-case", registration(officer.token, 6), status=200)
    assert res.html.find(id="portal-form") is not None and len(res.body) < 400_000


def test_oversized_upload_is_refused_by_its_length(officer):
    big = b"x" * (limits.MAX_UPLOAD_BYTES + 1)
    res = officer.post(
        "/zhongyuan/@@import-tree",
        {"csrf_token": officer.token},
        upload_files=[("file", "units.csv", big)],
        status=413,
    )
    assert TOO_LARGE in res.text


def test_the_public_area_answers_in_its_own_frame(app):
    t = TestApp(app, extra_environ={"REMOTE_ADDR": "203.0.113.40"})
    page = t.get("/public/petition")
    fields = [("name", "张三")] * (limits.MAX_FIELDS + 1)
    res = t.post(
        "/public/petition",
        urlencode(fields).encode(),
        status=400,
        content_type="application/x-www-form-urlencoded",
    )
    assert TOO_MANY in res.text and "pub-header" in res.text and "portal-header" not in res.text
    assert page.status_int == 200
