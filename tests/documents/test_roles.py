"""Who may see, fill and sign off documents (the rule of ``portal.documents.policy``)."""

from portal.testing.web import csrf_token, login

S01 = "/zhongyuan/s01"


def test_other_county_cannot_see_or_add(testapp, app, post_document, stored):
    login(testapp, "zy_s01_liaison")
    post_document(testapp, S01, "monthly_report", csrf_token(testapp))
    login(testapp, "js_officer")
    token = csrf_token(testapp)
    for url in (
        f"{S01}/@@documents",
        "/zhongyuan/@@documents",
        f"{S01}/doc-0001/",
        f"{S01}/doc-0001/@@print",
        f"{S01}/doc-0001/@@pdf",
        f"{S01}/@@lending",
        "/zhongyuan/@@add-document?code=first_contact",
        f"{S01}/@@volume?year=2026",
    ):
        assert "无权访问" in testapp.get(url, status=403).text, url
    post_document(testapp, "/zhongyuan", "first_contact", token, status=403)
    testapp.post(f"{S01}/doc-0001/@@sign-off", {"confirm": "1", "csrf_token": token}, status=403)
    assert stored(app, "/zhongyuan") == []
    assert [s for _n, _c, s, _v in stored(app, S01)] == ["draft"]


def test_liaison_and_officer_cannot_sign_off_the_head_can(testapp, app, post_document, stored):
    login(testapp, "zy_s01_liaison")
    post_document(testapp, S01, "zero_report", csrf_token(testapp))
    for user in ("zy_s01_liaison", "zy_officer"):
        login(testapp, user)
        token = csrf_token(testapp)
        testapp.get(f"{S01}/doc-0001/@@sign-off", status=403)
        testapp.post(f"{S01}/doc-0001/@@sign-off", {"confirm": "1", "csrf_token": token}, status=403)
        assert stored(app, S01)[0][2] == "draft"
    login(testapp, "zy_head")
    testapp.post(
        f"{S01}/doc-0001/@@sign-off", {"confirm": "1", "csrf_token": csrf_token(testapp)}, status=302
    )
    assert stored(app, S01)[0][2] == "signed"


def test_fill_rule_follows_the_registry_role(testapp, app, post_document, stored):
    # a liaison files reports but not the petition office's registers, and vice versa
    login(testapp, "zy_s01_liaison")
    token = csrf_token(testapp)
    testapp.get(f"{S01}/@@add-document?code=first_contact", status=403)
    post_document(testapp, S01, "first_contact", token, status=403)
    login(testapp, "zy_officer")
    token = csrf_token(testapp)
    testapp.get(f"{S01}/@@add-document?code=monthly_report", status=403)
    post_document(testapp, S01, "first_contact", token)  # inherited from /zhongyuan
    # the unit's list offers only what this user may fill, and only unit documents
    listing = testapp.get(f"{S01}/@@documents").text
    assert 'value="first_contact"' in listing and 'value="monthly_report"' not in listing
    assert 'value="registration"' not in listing
    assert [c for _n, c, _s, _v in stored(app, S01)] == ["first_contact"]


def test_case_codes_and_unknown_codes_are_refused_on_a_unit(testapp, app, stored):
    login(testapp, "zy_officer")
    res = testapp.get("/zhongyuan/@@add-document?code=registration", status=302).follow()
    assert "“信访事项登记表”不能在这里填写" in res.text
    res = testapp.get("/zhongyuan/@@add-document?code=nonsense", status=302).follow()
    assert "未知的文书类型" in res.text
    assert stored(app, "/zhongyuan") == []


def test_post_without_csrf_changes_nothing(testapp, app, post_document, stored):
    login(testapp, "zy_s01_liaison")
    post_document(testapp, S01, "duty_log", csrf_token(testapp))
    login(testapp, "zy_head")
    res = testapp.post(f"{S01}/doc-0001/@@sign-off", {"confirm": "1"}, status=400)
    assert "页面已过期" in res.text
    assert stored(app, S01)[0][2] == "draft"
