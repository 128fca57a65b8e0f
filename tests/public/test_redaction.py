"""Redaction and projections: pure functions, checked directly."""

import pytest

from portal.public.querycodes import ALPHABET, display, generate, normalize, second_factor
from portal.public.redaction import leaks, redact

from .conftest import PETITIONER, REPRESENTATIVE


def test_listed_people_and_number_shapes_are_removed():
    people = [PETITIONER, REPRESENTATIVE]
    text = (
        f"{PETITIONER['name']}（{PETITIONER['id_number'].lower()}）与代表 司 马 小 芸 反映，"
        f"电话 139-1234-5678、+86 136 9876 5432，座机（0371）67891234，"
        f"银行卡 6222 0212 3456 7890，住{PETITIONER['address']}。2026-11-26 收费300元。"
    )
    out = redact(text, people)
    for secret in (
        "欧阳明华",
        "司马小芸",
        "司 马 小 芸",
        PETITIONER["id_number"],
        PETITIONER["id_number"].lower(),
        "1234-5678",
        "9876 5432",
        "67891234",
        "3456 7890",
        PETITIONER["address"],
    ):
        assert secret not in out, secret
    assert "欧阳某" in out and "司马某" in out
    assert "2026-11-26" in out and "300元" in out
    assert redact(out, people) == out  # idempotent


def test_unlisted_id_and_phone_shapes_are_removed_too():
    out = redact("另一人 410102198001011234 电话13800001111 身份证 41010219800101123x")
    assert "410102198001011234" not in out and "13800001111" not in out
    assert "123x" not in out


def test_query_codes_are_long_unambiguous_and_grouped():
    code = generate()
    assert len(code) == 12 and set(code) <= set(ALPHABET)
    assert not set("01ILO") & set(ALPHABET)
    shown = display(code)
    assert len(shown) == 14 and shown.count("-") == 2
    assert normalize(shown.lower().replace("-", " ")) == code
    assert second_factor({"phone": "139-1234-5678", "id_number": "x"}) == ("phone", "5678")
    assert second_factor({"phone": "", "id_number": "41010219800101123x"}) == ("id_number", "123X")
    assert second_factor({}) == ("", "")


P, R = PETITIONER, REPRESENTATIVE
PEOPLE = [P, R]


@pytest.mark.parametrize(
    "text,secret",
    [
        ("经了解，明华多次来访。", "明华"),  # the given name alone
        ("代表小芸表示同意。", "小芸"),  # a representative's given name
        (f"身份证后六位{P['id_number'][-6:]}。", P["id_number"][-6:]),  # the ID's last 6 digits
        (f"身份证尾号{P['id_number'][-4:]}。", P["id_number"][-4:]),  # ... and last 4 (the code's factor)
        ("电话 139 1234 5678。", "5678"),
        ("电话 139-1234-5678。", "5678"),
        ("电话 139/1234/5678。", "5678"),
        ("电话 1391234/5678。", "5678"),
        ("电话尾号5678。", "5678"),  # the query code's second factor
        ("电话１３９１２３４５６７８。", "5678"),  # full-width digits
        ("欧阳\u200b明华来访。", "明华"),  # a zero-width space inside
        ("欧 阳 明 华来访。", "明华"),
        ("欧阳明\u2060华来访。", "明华"),  # a word joiner inside
        ("司马．小芸来访。", "小芸"),
    ],
)
def test_every_name_part_and_number_fragment_is_removed(text, secret):
    out = redact(text, PEOPLE)
    flat = "".join(ch for ch in out if not ch.isspace() and ch not in "-/.")
    assert secret not in flat, out
    assert not leaks([("事由", out)], PEOPLE), out
    assert redact(out, PEOPLE) == out


def test_single_character_given_names_are_matched_only_with_the_family_name():
    person = {"name": "张伟", "id_number": "", "phone": "", "address": ""}
    out = redact("张伟反映：伟大的事业。张 伟", [person])
    assert "张伟" not in out.replace(" ", "") and "伟大" in out


def test_leaks_tell_what_and_where_without_repeating_it():
    found = leaks([("事由", "关于收费问题"), ("答复摘要", "经查，欧阳（明）华反映的问题属实。")], PEOPLE)
    assert len(found) == 1
    leak = found[0]
    assert leak.field == "答复摘要" and leak.kind == "信访人或代表的姓名"
    assert "明" not in leak.excerpt and "华" not in leak.excerpt and "经查" in leak.excerpt
    assert "答复摘要" in str(leak) and "第" in str(leak)
