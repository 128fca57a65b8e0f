"""Draft -> signed off (签发, numbered, frozen) -> corrected as a new version; history; search."""

from pyramid.traversal import find_resource

from portal.testing.clock import start_from_environment
from portal.testing.web import csrf_token, login

S01 = "/zhongyuan/s01"
YEAR = start_from_environment().year  # the year the suite's clock stands in


def _doc(site, path):
    return find_resource(site, path)


def test_sign_off_numbers_and_freezes_then_correct_makes_a_new_version(
    testapp, app, site_of, post_document, form_fields, samples
):
    login(testapp, "zy_s01_liaison")
    post_document(testapp, S01, "monthly_report", csrf_token(testapp))
    page = testapp.get(f"{S01}/doc-0001/").text
    assert "草稿" in page and "@@edit" in page and "@@sign-off" not in page

    login(testapp, "zy_head")
    confirm = testapp.get(f"{S01}/doc-0001/@@sign-off")
    assert "签发后系统将自动编制文号" in confirm.text and "确认签发" in confirm.text
    form = next(f for f in confirm.forms.values() if "confirm" in f.fields)
    res = form.submit("confirm", status=302).follow()
    number = f"中原区第一中学信〔{YEAR}〕1号"
    assert f"已签发“信访工作月报表”，文号：{number}" in res.text

    # signing off twice is refused and changes nothing
    token = csrf_token(testapp)
    again = testapp.post(f"{S01}/doc-0001/@@sign-off", {"confirm": "1", "csrf_token": token}, status=409)
    assert "不能重复签发" in again.text

    # the frozen document cannot be edited through the edit view, GET or POST
    login(testapp, "zy_s01_liaison")
    token = csrf_token(testapp)
    assert "已签发，不能修改" in testapp.get(f"{S01}/doc-0001/@@edit", status=409).text
    changed = dict(samples.APPSTRUCTS["monthly_report"], other_matters="篡改的内容")
    fields = form_fields("monthly_report", changed) + [("csrf_token", token), ("save", "save")]
    testapp.post(f"{S01}/doc-0001/@@edit", fields, status=409)
    with site_of(app) as site:
        doc = _doc(site, f"{S01}/doc-0001")
        assert doc.state == "signed" and doc.number == number
        assert doc.appstruct["other_matters"] == "无"
        assert site["zhongyuan"]["s01"]._document_numbers[f"{YEAR}:monthly_report"] == 1

    # a correction is a new draft version; the old one stays readable
    assert "生成新版本" in testapp.get(f"{S01}/doc-0001/@@correct").text
    res = testapp.post(f"{S01}/doc-0001/@@correct", {"confirm": "1", "csrf_token": token}, status=302)
    assert res.location.endswith(f"{S01}/doc-0002/@@edit")
    edit = res.follow()
    assert "已生成“信访工作月报表”的第 2 版（草稿）" in edit.text
    fields = form_fields(
        "monthly_report", dict(samples.APPSTRUCTS["monthly_report"], other_matters="更正后的内容")
    ) + [("csrf_token", token), ("save", "save")]
    testapp.post(f"{S01}/doc-0002/@@edit", fields, status=302)
    testapp.post(
        f"{S01}/doc-0001/@@correct", {"confirm": "1", "csrf_token": token}, status=409
    )  # only the latest version can be corrected

    login(testapp, "zy_head")
    testapp.post(
        f"{S01}/doc-0002/@@sign-off", {"confirm": "1", "csrf_token": csrf_token(testapp)}, status=302
    )
    new_page = testapp.get(f"{S01}/doc-0002/").text
    old_page = testapp.get(f"{S01}/doc-0001/").text
    for text in (new_page, old_page):
        assert "第 1 版" in text and "第 2 版" in text and number in text
        assert f"中原区第一中学信〔{YEAR}〕2号" in text
    assert "本件已被更正" in old_page and "更正后的内容" in new_page
    assert "本件已被更正" in testapp.get(f"{S01}/doc-0001/@@print").text

    with site_of(app) as site:
        old, new = _doc(site, f"{S01}/doc-0001"), _doc(site, f"{S01}/doc-0002")
        assert old.superseded_by is new and new.supersedes is old and new.version == 2
        assert [e.transition for e in old.history] == ["create", "sign_off", "superseded"]
        assert [e.actor for e in old.history] == ["zy_s01_liaison", "zy_head", "zy_s01_liaison"]
        assert [e.transition for e in new.history] == ["create", "correct", "edit", "sign_off"]
    history = old_page[old_page.index("历史记录") :]
    assert "黄静" in history and "陈国庆" in history and "签发" in history


def test_edits_are_reindexed_and_identity_stays_out_of_the_text_index(
    testapp, app, site_of, post_document, form_fields, samples
):
    login(testapp, "zy_s01_liaison")
    token = csrf_token(testapp)
    post_document(testapp, S01, "monthly_report", token)
    values = dict(samples.APPSTRUCTS["monthly_report"], other_matters="食堂承包合同纠纷")
    testapp.post(
        f"{S01}/doc-0001/@@edit",
        form_fields("monthly_report", values) + [("csrf_token", token), ("save", "save")],
        status=302,
    )
    found = testapp.get("/@@search", {"q": "承包合同"}).text
    assert f"{S01}/doc-0001/" in found and "信访工作月报表" in found
    login(testapp, "js_officer")  # the index answers only what the user may view
    assert f"{S01}/doc-0001/" not in testapp.get("/@@search", {"q": "承包合同"}).text

    from portal.documents import Document

    registration = Document("registration", samples.APPSTRUCTS["registration"], "zy_officer")
    text = registration.searchable_text()
    # the case itself indexes the subject; the registration form adds only its title
    assert "信访事项登记表" in text and "反映某小学教师待遇问题" not in text
    for secret in (
        "张某",
        "李某",
        "410102198503121236",
        "41010520000101005X",
        "13812345678",
        "0371-67188888",
        "郑州市金水区某路1号",
        "金水区",
    ):
        assert secret not in text


def test_history_cannot_be_rewritten(samples):
    import pytest

    from portal.documents import Document, Frozen
    from portal.workflow import HistoryIsAppendOnly

    doc = Document("duty_log", samples.APPSTRUCTS["duty_log"], "zy_s01_liaison")
    doc.sign_off("X〔2026〕1号", "zy_head")
    with pytest.raises(HistoryIsAppendOnly):
        del doc.history[0]
    with pytest.raises(Frozen):
        doc.update({}, "zy_s01_liaison")
    with pytest.raises(Frozen):
        doc.sign_off("X〔2026〕2号", "zy_head")
    assert doc.number == "X〔2026〕1号" and len(doc.history) == 2
