"""Every required field carries the required mark, decided once by the field's schema
(``portal/forms/templates/mapping_item.pt``), and a failed form lists its faults at the top
with links to the fields."""

import bs4
import pytest
from webtest import TestApp

from portal.testing.web import csrf_token, login


def _labels_marked(html):
    page = bs4.BeautifulSoup(html, "html.parser")
    return {
        label.find(string=True, recursive=False).strip(): label.select_one(".req") is not None
        for label in page.select("label.form-label")
    }


def _required_leaves(node):
    """Titles of the required fields a fresh form shows (a list's items appear once added)."""
    import colander

    for child in node.children:
        if isinstance(child.typ, colander.Sequence):
            continue
        if child.children:
            yield from _required_leaves(child)
        elif child.required:
            yield child.title


@pytest.fixture
def officer(app):
    t = TestApp(app)
    login(t, "city_officer")
    return t


def test_every_required_field_of_every_document_is_marked(app):
    """The root: the template asks the schema, so no document can forget a mark (办结时限 of
    领导批示交办单 included) and no optional field carries one."""
    import deform

    from schemas import document_types

    for doc_type in document_types():
        schema = doc_type.schema()
        html = deform.Form(schema, formid="portal-form").render()
        marked = _labels_marked(html)
        for title in _required_leaves(schema):
            assert marked.get(title), f"{doc_type.code}: {title} lacks the required mark"
        for child in schema.children:
            if not child.required and not child.children and not getattr(child, "shown_when", None):
                assert not marked.get(child.title), f"{doc_type.code}: optional {child.title} is marked"


def test_registration_page_marks_the_fields_the_issue_named(officer):
    marked = _labels_marked(officer.get("/@@register-case", {"channel": "visit"}).text)
    assert marked["反映的主要问题"] and marked["主要诉求"] and marked["事由"]
    assert marked["备注"] is False and marked["交办机关"] is False


def test_handling_forms_mark_requirements_due_date_and_summary(officer, flow):
    """办理要求, 办结时限 and 基本情况 (the fields the issue named) on the pages staff fill."""
    marked = {}
    for code, path in (
        ("filing_request", flow.register("city_officer", "/")),
        ("assignment_slip", flow.instructed(confirm_new=True)),
    ):
        page = officer.get(path + "@@add-document", {"code": code}).maybe_follow()
        marked[code] = _labels_marked(page.text)
    assert marked["filing_request"]["基本情况"]
    assert marked["assignment_slip"]["办理要求"] and marked["assignment_slip"]["办结（反馈）时限"]
    assert not marked["filing_request"]["领导审批意见"]  # optional


def test_error_summary_links_every_faulty_field(officer):
    page = officer.get("/@@register-case", {"channel": "visit"})
    form = page.forms["portal-form"]
    form["subject"] = "反映某中学违规收费问题"
    res = form.submit("save")
    html = bs4.BeautifulSoup(res.text, "html.parser")
    summary = html.select_one(".error-summary")
    assert summary is not None and "提交的内容有误" in summary.text
    links = {a.text: a["href"] for a in summary.select("a")}
    for title in ("反映的主要问题", "主要诉求", "信访人 · 姓名"):
        anchor = links[title]
        target = html.find(id=anchor[1:])
        assert target is not None and target.name in ("input", "textarea", "select"), title
    assert "事由" not in links  # filled in: not a fault
    assert not any("人数" in t for t in links)  # a single petitioner is not asked


def test_no_summary_on_a_fresh_form(officer):
    assert "error-summary" not in officer.get("/@@register-case", {"channel": "visit"}).text


def test_csrf_token_survives_in_the_portal_form(officer):
    page = officer.get("/@@register-case", {"channel": "visit"})
    assert page.forms["portal-form"]["csrf_token"].value == csrf_token(officer)
