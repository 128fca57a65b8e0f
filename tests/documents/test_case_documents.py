"""Case documents on a unit-like container (the case resource comes later): the API the case
lifecycle will call, the petitioner-letter layout, and the case archive volume's order."""

import datetime
import io

import deform
import pytest
from pypdf import PdfReader
from pyramid import testing

from portal.cases.identity import MASKED, Disclosure
from portal.documents import (
    CASE_VOLUME_ORDER,
    DocumentError,
    add_document,
    case_volume,
    documents_in,
    sign_off,
    volume_pdf,
)
from portal.documents.printing import body_html
from portal.resources import Folder, Unit
from schemas import document_types, get_document_type

SHOWN = Disclosure(True)  # a rendering for someone allowed to see identity

CASE_CODES = [t.code for t in document_types() if t.context == "case"]  # every one of them
VOLUME_CODES = [
    "closing_report",
    "filing_request",
    "ownership_register",
    "closing_approval",
    "investigation_report",
    "registration",
    "acceptance_notice",
    "handling_opinion",
    "reply",
]


class FakeCase(Folder):
    """Stands in for the case resource: a folder that takes 'case' documents."""

    document_contexts = ("case",)
    title = "关于某小学教师待遇问题的信访事项"


@pytest.fixture
def config():
    config = testing.setUp()
    config.include("pyramid_chameleon")
    yield config
    testing.tearDown()


@pytest.fixture
def case(config):
    city = Unit("郑州市教育局", "city_bureau")
    school = city.add("s01", Unit("某小学", "school"))
    return school.add("case-0001", FakeCase())


def test_every_case_document_has_a_place_in_the_volume_order():
    placed = [c for _title, codes in CASE_VOLUME_ORDER for c in codes]
    case_codes = [t.code for t in document_types() if t.context == "case"]
    assert sorted(placed) == sorted(case_codes) and len(placed) == len(set(placed))
    assert [t for t, _c in CASE_VOLUME_ORDER] == [
        "结案报告",
        "立案请示签",
        "领导包案登记表",
        "结案呈批签",
        "责任单位调查处理报告",
        "附件（单据、证明、法律政策依据）",
        "信访事项受理告知单",
        "信访事项书面处理意见书及稳控措施",
        "群众来信复印件",
    ]


@pytest.mark.parametrize("code", CASE_CODES)
def test_case_document_round_trip(code, case, samples, form_fields, expected_texts, unescape):
    form = deform.Form(get_document_type(code).schema().bind(today=datetime.date(2026, 11, 26)))
    appstruct = form.validate(form_fields(code, samples.APPSTRUCTS[code]))
    assert appstruct == samples.APPSTRUCTS[code]
    doc = add_document(case, code, appstruct, "zy_officer")
    assert doc.__name__ == "doc-0001" and documents_in(case) == [doc]
    printed = unescape(body_html(doc, disclosure=SHOWN))
    assert doc.title in printed
    if doc.doc_type.template == "petitioner_letter":  # letters leave internal notes out
        appstruct = {k: v for k, v in appstruct.items() if k != "department_review"}
    assert [t for t in expected_texts(code, appstruct) if t not in printed] == []


def test_containers_take_only_their_codes(case, samples):
    with pytest.raises(DocumentError):
        add_document(case, "monthly_report", samples.APPSTRUCTS["monthly_report"], "x")
    with pytest.raises(DocumentError):
        add_document(case.__parent__, "registration", samples.APPSTRUCTS["registration"], "x")


def test_petitioner_letter_layout(case, samples):
    doc = add_document(case, "handling_opinion", samples.APPSTRUCTS["handling_opinion"], "x")
    sign_off(doc, "zy_head")
    shown = body_html(doc, disclosure=SHOWN)
    assert 'class="letterhead"' in shown and "张某：" in shown
    assert "人事处：同意" not in shown  # the department's internal review is not printed
    assert "金水区教育局" in shown and "2024年6月14日" in shown and "郑教信" not in shown
    assert doc.number == f"某小学信〔{doc.signed_at.year}〕1号"
    assert "张*：" in body_html(doc, disclosure=MASKED)


def test_registration_masks_identity_without_the_right(case, samples):
    doc = add_document(case, "registration", samples.APPSTRUCTS["registration"], "x")
    masked = body_html(doc, disclosure=MASKED)
    for secret in ("410102198503121236", "13812345678", "郑州市金水区某路1号"):
        assert secret not in masked
    assert "138****5678" in masked and "4101**********1236" in masked


def test_case_volume_pdf_in_the_prescribed_order(case, samples):
    for code in reversed(VOLUME_CODES):  # filed in the wrong order on purpose
        sign_off(add_document(case, code, samples.APPSTRUCTS[code], "zy_officer"), "zy_head")
    draft = add_document(case, "reminder_slip", samples.APPSTRUCTS["reminder_slip"], "x")
    assert not draft.frozen
    volume = case_volume(case, "2026-0012", case.title, compiled_by="刘洋")
    reader = PdfReader(io.BytesIO(volume_pdf(volume, disclosure=SHOWN)))
    pages = [p.extract_text() for p in reader.pages]
    assert "2026-0012" in pages[0] and "关于某小学教师待遇问题的信访事项" in pages[0]
    toc = "".join(pages[1].split())
    assert "卷内目录" in toc and "信访事项催办单" not in toc
    order = [
        "结案报告",
        "立案请示签",
        "领导包案登记表",
        "结案呈批签",
        "责任单位调查处理报告",
        "信访事项登记表",
        "答复意见书",
        "信访事项受理告知单",
        "信访事项书面处理意见书及稳控措施",
    ]
    positions = [toc.index(title) for title in order]
    assert positions == sorted(positions)
    assert "备考表" in "".join(pages[-1].split()) and "刘洋" in pages[-1]
