"""Masks (张** / 138****5678) by kind, and the case's people masked wherever free text repeats
them: a problem or a reply names the petitioner, with separators, invisible characters or
full-width digits in between."""

import pytest

from portal.cases.identity import MASKED, Disclosure
from portal.cases.masking import mask, mask_in_text

PERSON = {
    "name": "欧阳明华",
    "id_number": "41010219750312461X",
    "phone": "13912345678",
    "address": "郑州市中原区棉纺西路88号院3号楼",
    "email": "ouyang.minghua@example.com",
}


@pytest.mark.parametrize(
    "kind, value, masked",
    [
        ("name", "张三丰", "张**"),
        ("phone", "13812345678", "138****5678"),
        ("phone", "0371-67188888", "0371******88"),
        ("id_number", "41010219750312461X", "4101**********461X"),
        ("address", "郑州市中原区棉纺西路88号院", "郑州市中原区****"),
        ("postal_code", "450000", "45****"),
        ("email", "ouyang@example.com", "o***@example.com"),
    ],
)
def test_mask_by_kind(kind, value, masked):
    assert mask(kind, value) == masked


@pytest.mark.parametrize(
    "written",
    [
        "我是欧阳明华，",
        "欧阳\u200b明华",
        "欧 阳 明 华",
        "电话139 1234 5678",
        "电话139-1234/5678",
        "电话１３９１２３４５６７８",
        "身份证41010219750312461x",
        "住郑州市中原区棉纺西路88号院3号楼",
        "邮箱 ouyang.minghua@example.com",
    ],
)
def test_free_text_never_keeps_a_value_of_the_people(written):
    out = mask_in_text(written, [PERSON])
    flat = "".join(out.replace("\u200b", "").split())
    for value in PERSON.values():
        assert value not in flat and value.lower() not in flat.lower()


def test_text_that_names_nobody_of_the_case_is_left_as_it_is():
    text = "联系电话 0371-67891234，学校位于郑州市金水区。"
    assert mask_in_text(text, [PERSON]) == text


def test_a_disclosure_masks_unless_it_shows():
    shown, hidden = Disclosure(True, (PERSON,)), MASKED.with_people([PERSON])
    assert shown.value("name", "欧阳明华") == "欧阳明华" and hidden.value("name", "欧阳明华") == "欧***"
    assert shown.text("我是欧阳明华") == "我是欧阳明华" and hidden.text("我是欧阳明华") == "我是欧***"
    assert hidden.person(PERSON)["phone"] == "139****5678" and shown.person(PERSON) == PERSON
