"""Redaction and projections: pure functions, checked directly."""
from portal.public.redaction import redact
from portal.public.querycodes import ALPHABET, display, generate, normalize, second_factor

from .conftest import PETITIONER, REPRESENTATIVE


def test_listed_people_and_number_shapes_are_removed():
    people = [PETITIONER, REPRESENTATIVE]
    text = (f"{PETITIONER['name']}（{PETITIONER['id_number'].lower()}）与代表 司 马 小 芸 反映，"
            f"电话 139-1234-5678、+86 136 9876 5432，座机（0371）67891234，"
            f"银行卡 6222 0212 3456 7890，住{PETITIONER['address']}。2026-11-26 收费300元。")
    out = redact(text, people)
    for secret in ("欧阳明华", "司马小芸", "司 马 小 芸", PETITIONER["id_number"],
                   PETITIONER["id_number"].lower(), "1234-5678", "9876 5432", "67891234",
                   "3456 7890", PETITIONER["address"]):
        assert secret not in out, secret
    assert "欧某" in out and "司某" in out
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
