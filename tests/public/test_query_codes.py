"""Query codes: issued at acceptance and shown to staff once; stored only as hashes; lookup
with a second factor; identical answers for a wrong code and a wrong factor; throttling;
rating and review requests through the code, visible to staff on the case."""

from datetime import timedelta

from pyramid.traversal import find_resource

from portal import clock as portal_clock
from portal.public.views_query import NO_MATCH
from portal.testing.web import csrf_token

from .conftest import FULL, PETITIONER, SECOND

TOO_MANY = "尝试次数过多"


def accept_over_http(app, officer, path, site_of):
    from pyramid.threadlocal import manager

    from portal.documents.api import add_document

    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            add_document(
                find_resource(site, path),
                "acceptance_notice",
                {"note": "x"},
                "zy_officer",
                registry=app.registry,
            )
    finally:
        manager.pop()
    res = officer.post(
        path + "/@@transition",
        {"transition": "accept", "comment": "", "csrf_token": csrf_token(officer)},
        status=302,
    )
    return res.follow()


def test_code_issued_at_acceptance_is_shown_once_and_kept_only_as_hash(
    app, seed, staff_app, site_of, pending_code
):
    path = seed()
    officer = staff_app("zy_officer")
    page = accept_over_http(app, officer, path, site_of)
    assert "已生成查询码" in page.text
    code = pending_code(officer, path)
    assert len(code) == 14 and code.count("-") == 2
    again = officer.post(
        path + "/@@query-code", {"action": "show", "csrf_token": csrf_token(officer)}
    ).follow()
    assert code not in again.text and "查询码已显示过" in again.text
    with site_of(app) as site:
        store = site.public_area
        assert not store.pending
        dump = repr(list(store.codes.items())) + repr(list(store.code_of_case.items()))
        assert code.replace("-", "") not in dump and code not in dump
        issued = [e for e in store.log.values() if e.action == "issue_code"]
        assert [(e.case_path, e.actor) for e in issued] == [(path, "zy_officer")]
    # a liaison (no view_identity) cannot open the code page
    staff_app("zy_s01_liaison").get(path + "/@@query-code", status=403)


def test_lookup_right_and_wrong(app, seed, anon, staff_app, pending_code, do_lookup):
    path = seed(person=SECOND, steps=("accept", "assign"))  # no phone: ID number's last four
    officer = staff_app("zy_officer")
    code = pending_code(officer, path)
    wrong_code = do_lookup(anon, "ABCD-EFGH-JKMN", SECOND["id_number"][-4:])
    wrong_factor = do_lookup(anon, code, "0000")
    assert NO_MATCH in wrong_code.text
    assert wrong_code.status_int == wrong_factor.status_int == 200
    assert wrong_code.body == wrong_factor.body  # byte-identical
    res = do_lookup(anon, code.lower().replace("-", " "), SECOND["id_number"][-4:].lower())
    assert res.status_int == 302
    page = res.follow()
    assert "我的信访事项" in page.text and "办理中" in page.text  # not published, yet visible
    assert SECOND["name"] not in page.text and SECOND["id_number"] not in page.text


def test_lookup_is_throttled_per_code_and_per_address(app, seed, anon, staff_app, pending_code, do_lookup):
    from webtest import TestApp

    path = seed(steps=("accept",))
    code = pending_code(staff_app("zy_officer"), path)
    for _ in range(5):
        assert NO_MATCH in do_lookup(anon, code, "1111").text
    blocked = do_lookup(anon, code, PETITIONER["phone"][-4:])  # right factor, too late
    assert TOO_MANY in blocked.text and blocked.status_int == 200
    # another address is also held back for this code
    other = TestApp(app, extra_environ={"REMOTE_ADDR": "198.51.100.9"})
    assert TOO_MANY in do_lookup(other, code, PETITIONER["phone"][-4:]).text
    # per address: 20 wrong codes from one address block it for every code
    third = TestApp(app, extra_environ={"REMOTE_ADDR": "198.51.100.10"})
    for i in range(20):
        assert NO_MATCH in do_lookup(third, f"ZZZZ-ZZZZ-ZZ{i:02d}", "1234").text
    assert TOO_MANY in do_lookup(third, "ABCD-ABCD-ABCD", "1234").text


def recent_replied_case(seed, **kw):
    today = portal_clock.today()
    return seed(received_on=today - timedelta(days=10), days_per_step=1, steps=FULL, **kw)


def test_rate_and_ask_for_review_through_the_code(
    app, seed, anon, staff_app, pending_code, do_lookup, site_of
):
    path = recent_replied_case(seed)
    officer = staff_app("zy_officer")
    code = pending_code(officer, path)
    page = do_lookup(anon, code, PETITIONER["phone"][-4:]).follow()
    assert "满意度评价" in page.text and "申请复查" in page.text
    form = page.forms["rate-form"]
    form["rating"] = "basically_satisfied"
    form["timeliness"] = "unsatisfied"
    form["comments"] = "退费较慢。"
    page = form.submit().follow()
    assert "您的满意度评价已提交" in page.text and "rate-form" not in page.text
    form = page.forms["review-form"]
    form["reasons"] = ""
    res = form.submit()
    assert "请求复查的事项及理由" in res.text or "必填" in res.text
    form = res.forms["review-form"]
    form["reasons"] = "退费金额不足，请求复查。"
    page = form.submit().follow()
    assert "您的复查申请已提交" in page.text and "review-form" not in page.text

    with site_of(app) as site:
        case = find_resource(site, path)
        assert case.workflow_state == "replied"  # staff confirm; the petitioner cannot fire
        codes = {d.code: d for d in case.values()}
        assert codes["satisfaction_rating"].appstruct["rating"] == "basically_satisfied"
        assert codes["review_request"].appstruct["reasons"] == "退费金额不足，请求复查。"
        assert codes["review_request"].appstruct["petitioner_name"] == PETITIONER["name"]
    # staff see both on the case page, and can now fire rate and request_review
    case_page = officer.get(path + "/")
    assert "满意度评价表" in case_page.text and "复查申请书" in case_page.text
    assert "信访人通过查询码申请复查" in case_page.text
    for transition in ("rate", "request_review"):
        officer.post(
            path + "/@@transition",
            {"transition": transition, "comment": "", "csrf_token": csrf_token(officer)},
            status=302,
        )
    with site_of(app) as site:
        assert find_resource(site, path).workflow_state == "under_review"
    # the unit's petition staff were told (notification centre)
    assert "信访人申请复查" in officer.get("/@@notifications").text


def test_review_window_closes_thirty_days_after_the_reply(seed, anon, staff_app, pending_code, do_lookup):
    path = seed(steps=FULL)  # replied in March
    code = pending_code(staff_app("zy_officer"), path)
    page = do_lookup(anon, code, PETITIONER["phone"][-4:]).follow()
    assert "review-form" not in page.text and "申请复查的期限已于" in page.text
    token = page.forms["rate-form"]["csrf_token"].value
    res = anon.post("/public/my-case/review", {"reasons": "迟到的申请", "csrf_token": token}).follow()
    assert "当前不能申请复查" in res.text


def test_post_without_csrf_is_refused_in_the_public_frame(anon):
    res = anon.post("/public/query", {"code": "x", "factor": "1"}, status=400)
    assert "页面已过期" in res.text and "查询我的信访" in res.text


def test_many_codes_from_many_addresses_are_throttled_for_everyone(
    app, anon, seed, staff_app, pending_code, do_lookup
):
    """200 wrong codes from 200 addresses: neither the per-code nor the per-address limit sees
    them; the limit on all lookups together does, and holds every lookup back."""
    from webtest import TestApp

    path = seed(steps=("accept",))
    code = pending_code(staff_app("zy_officer"), path)
    answers = []
    for i in range(200):
        t = TestApp(app, extra_environ={"REMOTE_ADDR": f"198.18.{i // 250}.{i % 250 + 1}"})
        answers.append(TOO_MANY in do_lookup(t, f"ZZZZ-{i:04d}-ZZZZ".replace("0", "Z"), "1234").text)
    assert answers.index(True) == 100 and all(answers[100:])
    fresh = TestApp(app, extra_environ={"REMOTE_ADDR": "192.0.2.200"})
    assert TOO_MANY in do_lookup(fresh, code, PETITIONER["phone"][-4:]).text


def test_failed_lookups_write_nothing_to_the_database(app, anon, do_lookup):
    db = app.registry._zodb_databases[""]
    anon.get("/public/query")
    before = db.lastTransaction()
    answers = [do_lookup(anon, f"ABCD-EFGH-JK{i:02d}", "1234").text for i in range(30)]
    assert all(NO_MATCH in a for a in answers[:20]) and all(TOO_MANY in a for a in answers[20:])
    assert db.lastTransaction() == before
