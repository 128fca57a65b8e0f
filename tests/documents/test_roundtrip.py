"""Every unit/portal document of the registry: filled through the web form, stored, printed;
an empty or wrong form shows the Chinese error at the field and stores nothing."""

import datetime
import re

import bs4
import pytest

from portal.testing.web import csrf_token, login
from schemas import document_types, get_document_type

UNIT_CODES = [t.code for t in document_types() if t.context in ("unit", "portal")]
#: Documents a concern fills on its own page from the portal's data (people picked, a
#: reception day's values): the generic form sends the user there (tests/duties cover them).
DEDICATED = {
    "leading_group": "@@leading-group",
    "meeting_minutes": "@@add-meeting",
    "training_record": "@@add-training",
    "reception_schedule": "@@reception-days",
    "reception_register": "@@reception-days",
}
GENERIC_CODES = [c for c in UNIT_CODES if c not in DEDICATED]


def test_every_unit_document_is_covered():
    assert len(UNIT_CODES) == 22  # the registry's unit documents; none is portal-wide yet
    assert set(DEDICATED) <= set(UNIT_CODES)


@pytest.mark.parametrize("code", sorted(DEDICATED))
def test_dedicated_forms_are_where_the_generic_form_sends(code, testapp, fillers):
    user, path = fillers[get_document_type(code).filled_by]
    login(testapp, user)
    res = testapp.get(f"{path}/@@add-document", {"code": code}, status=302)
    assert DEDICATED[code] in res.location


@pytest.mark.parametrize("code", GENERIC_CODES)
def test_round_trip(code, testapp, app, fillers, post_document, stored, samples, expected_texts, unescape):
    doc_type = get_document_type(code)
    user, path = fillers[doc_type.filled_by]
    login(testapp, user)
    res = post_document(testapp, path, code, csrf_token(testapp))
    assert f"已保存“{doc_type.title}”（草稿）" in res.follow().text
    docs = stored(app, path)
    assert [(c, s) for _n, c, s, _v in docs] == [(code, "draft")]
    name, _code, _state, values = docs[0]
    assert values == samples.APPSTRUCTS[code]  # stored exactly as the schema deserialized it
    printed = unescape(testapp.get(f"{path}/{name}/@@print").text)
    assert doc_type.title in printed and "签发人" in printed and "盖章" in printed
    missing = [t for t in expected_texts(code, values) if t not in printed]
    assert not missing
    listing = testapp.get(f"{path}/@@documents").text
    assert doc_type.title in listing and f"{path}/{name}/" in listing


ROLES = sorted({get_document_type(c).filled_by for c in UNIT_CODES})


@pytest.mark.parametrize("role", ROLES)
def test_empty_forms_show_chinese_errors_and_store_nothing(role, testapp, app, fillers, samples, stored):
    user, path = fillers[role]
    login(testapp, user)
    token = csrf_token(testapp)
    for code in [c for c in GENERIC_CODES if get_document_type(c).filled_by == role]:
        res = testapp.post(
            f"{path}/@@add-document?code={code}", [("csrf_token", token), ("save", "save")], status=200
        )
        _check_required_errors(code, res, samples)
    assert stored(app, path) == []


def _check_required_errors(code, res, samples):
    soup = bs4.BeautifulSoup(res.text, "html.parser")
    assert "提交的内容有误" in soup.get_text()  # the summary at the top
    schema = get_document_type(code).schema()
    for field in samples.REQUIRED[code]:
        block = soup.select_one(f".item-{field}")
        if block is None:  # a group is a card headed by its title, its fields inside
            title = schema[field].title
            header = soup.find(class_="card-header", string=title)
            block = header.parent if header is not None else None
        assert block is not None, field
        errors = [e.get_text(strip=True) for e in block.select(".invalid-feedback, .error-msg")]
        if (code, field) in samples.COUNT_REQUIRED:
            assert any("至少" in e for e in errors), (field, errors)
        else:
            assert "此项为必填项" in errors, (field, errors)


WRONG = [
    ("monthly_report", {"month": "2024-13"}, "month", None),
    (
        "first_contact",
        {"action": "referred", "referred_department": ""},
        "referred_department",
        "告知承办部门的，须填写承办部门名称",
    ),
    (
        "risk_ledger_entry",
        {"status": "resolved", "resolved_on": None},
        "resolved_on",
        "已化解的，须填写化解日期",
    ),
    (
        "archive_lending",
        {"returned_on": datetime.date(2024, 1, 1)},
        "returned_on",
        "归还日期不得早于借出日期",
    ),
    ("zero_report", {"kind": "nothing"}, "items", "零报告不应填写事项；有情况的请选择“有情况”"),
]


def test_validator_errors_show_at_the_field(testapp, app, fillers, samples, post_document, stored):
    for code, changes, field, message in WRONG:
        user, path = fillers[get_document_type(code).filled_by]
        login(testapp, user)
        values = dict(samples.APPSTRUCTS[code], **changes)
        res = post_document(testapp, path, code, csrf_token(testapp), values, status=200)
        block = bs4.BeautifulSoup(res.text, "html.parser").select_one(f".item-{field}")
        errors = [e.get_text(strip=True) for e in block.select(".invalid-feedback")]
        if message:
            assert message in errors, (code, errors)
        else:
            assert errors and all(re.search(r"[\u4e00-\u9fff]", e) for e in errors), errors
        assert stored(app, path) == []
