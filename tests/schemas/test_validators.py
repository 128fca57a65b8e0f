"""Validators: good and bad inputs, boundaries, Chinese messages."""

import datetime

import colander
import pytest

from schemas import validators as v

TODAY = datetime.date(2024, 6, 15)


def _node(today=TODAY):
    """A bare node bound with ``today`` (as the portal binds a schema)."""
    return colander.SchemaNode(colander.String()).bind(today=today)


def _error(validator, value, node=None):
    with pytest.raises(colander.Invalid) as caught:
        validator(node if node is not None else _node(), value)
    return caught.value.msg


def _ok(validator, value, node=None):
    assert validator(node if node is not None else _node(), value) is None


# --- identity numbers ---------------------------------------------------------
#
# Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; check = "10X98765432"[sum mod 11].
#
# 410102198503121236:
#   4*7+1*9+0*10+1*5+0*8+2*4+1*2+9*1+8*6+5*3+0*7+3*9+1*10+2*5+1*8+2*4+3*2
#   = 28+9+0+5+0+8+2+9+48+15+0+27+10+10+8+8+6 = 193; 193 = 17*11 + 6 -> '6'
# 41010520000101005X:
#   28+9+0+5+0+20+4+0+0+0+0+9+0+5+0+0+5*2 = 90; 90 = 8*11 + 2 -> 'X'
# 410182197612054527:
#   4*7+1*9+0*10+1*5+8*8+2*4+1*2+9*1+7*6+6*3+1*7+2*9+0*10+5*5+4*8+5*4+2*2
#   = 28+9+0+5+64+8+2+9+42+18+7+18+0+25+32+20+4 = 291; 291 = 26*11 + 5 -> '7'

VALID_IDS = ["410102198503121236", "41010520000101005X", "41010520000101005x", "410182197612054527"]

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _with_check(body):
    """Test-side check digit, to build inputs that fail on another rule only."""
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


def test_test_side_check_digit_agrees_with_hand_arithmetic():
    assert _with_check("41010219850312123") == "410102198503121236"
    assert _with_check("41010520000101005") == "41010520000101005X"
    assert _with_check("41018219761205452") == "410182197612054527"


@pytest.mark.parametrize("value", VALID_IDS)
def test_valid_id_numbers(value):
    _ok(v.IdNumber(), value)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("41010219850312123", "6"),
        ("41010520000101005", "X"),
        ("41018219761205452", "7"),
    ],
)
def test_check_character(body, expected):
    assert v.id_check_character(body) == expected


@pytest.mark.parametrize(
    "value",
    [
        "410102198503121237",  # check digit 6 -> 7
        "410102198503121235",  # check digit 6 -> 5
        "410102198503121226",  # 17th digit 3 -> 2: sum 193-2 = 191, 191 mod 11 = 4 -> '8', not '6'
        "410102198503121326",  # 16th/17th swapped: sum 193+2 = 195, mod 11 = 8 -> '4', not '6'
        "410105200001010059",  # X replaced by 9
        "410103198503121236",  # 6th digit 2 -> 3: sum 193+4 = 197, mod 11 = 10 -> '2', not '6'
    ],
)
def test_one_digit_off_id_numbers_fail_on_check_digit(value):
    assert _error(v.IdNumber(), value) == "居民身份证号码校验位不正确，请核对"


@pytest.mark.parametrize(
    "value",
    [
        "41010219850312123",  # 17 characters
        "4101021985031212360",  # 19 characters
        "41010219850312123A",  # wrong last character
        "4101021985031212X6",  # X not last
        "４１０１０２１９８５０３１２１２３６",  # full-width digits
        "410102 19850312123",
        "",
    ],
)
def test_malformed_id_numbers(value):
    assert _error(v.IdNumber(), value).startswith("居民身份证号码应为18位")


@pytest.mark.parametrize("region", ["000000", "990101", "410000", "191234"])
def test_id_number_region_must_look_like_a_region_code(region):
    value = _with_check(region + "19850312123")
    assert _error(v.IdNumber(), value) == "居民身份证号码的前6位不是有效的行政区划代码"


@pytest.mark.parametrize("birth", ["19850230", "19851301", "19850000", "18991231", "20240616", "20990101"])
def test_id_number_birth_date_must_be_real_and_not_future(birth):
    value = _with_check("410102" + birth + "123")
    assert _error(v.IdNumber(), value) == "居民身份证号码中的出生日期无效"


@pytest.mark.parametrize("birth", ["19000101", "20240615", "20000229"])
def test_id_number_birth_date_boundaries_pass(birth):
    _ok(v.IdNumber(), _with_check("410102" + birth + "123"))


def test_id_number_birth_today_uses_binding_over_clock():
    value = _with_check("410102" + "20240616" + "123")
    _ok(v.IdNumber(), value, _node(today=datetime.date(2024, 6, 16)))
    _ok(v.IdNumber(today=lambda: datetime.date(2024, 6, 16)), value, colander.SchemaNode(colander.String()))


def test_check_character_rejects_bad_bodies():
    for body in ("1234", "4101021985031212a", "４１０１０２１９８５０３１２１２３"):
        with pytest.raises(ValueError):
            v.id_check_character(body)


# --- telephones and postal codes ----------------------------------------------------


@pytest.mark.parametrize("value", ["13812345678", "19912345678", "15000000000", "17300001111"])
def test_mobile_good(value):
    _ok(v.mobile, value)
    _ok(v.phone, value)


@pytest.mark.parametrize(
    "value",
    [
        "12812345678",
        "10812345678",
        "1381234567",
        "138123456789",
        "138 1234 5678",
        "+8613812345678",
        "23812345678",
        "１３８１２３４５６７８",
        "13812345678\n",
    ],
)
def test_mobile_bad(value):
    assert _error(v.mobile, value) == "手机号码应为以1开头的11位数字"


@pytest.mark.parametrize(
    "value",
    [
        "0371-67188888",
        "037167188888",
        "010-62345678",
        "0371-6718888",
        "0371-67188888-123",
        "0371-67188888转8001",
        "0371-67188888#12",
        "021-52345678",
    ],
)
def test_landline_good(value):
    _ok(v.landline, value)
    _ok(v.phone, value)


@pytest.mark.parametrize(
    "value",
    [
        "371-67188888",
        "0371-671888",
        "0371-671888889",
        "00371-67188888",
        "0371--67188888",
        "0371-07188888",
        "0371-17188888",
        "0371-67188888-",
        "0371-67188888转",
        "0371-67188888-1234567",
        "67188888",
    ],
)
def test_landline_bad(value):
    assert _error(v.landline, value).startswith("固定电话应含区号")


@pytest.mark.parametrize("value", ["12345", "1381234567a", "0371", ""])
def test_phone_bad(value):
    assert _error(v.phone, value) == "请填写11位手机号码或带区号的固定电话"


@pytest.mark.parametrize("value", ["450000", "100000"])
def test_postal_code_good(value):
    _ok(v.postal_code, value)


@pytest.mark.parametrize("value", ["45000", "4500000", "45000a", "４５００００"])
def test_postal_code_bad(value):
    assert _error(v.postal_code, value) == "邮政编码应为6位数字"


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [datetime.date(2000, 1, 1), datetime.date(2010, 5, 5), TODAY])
def test_date_range_good(value):
    _ok(v.DateRange(), value)


def test_date_range_before_earliest():
    assert _error(v.DateRange(), datetime.date(1999, 12, 31)) == "日期不得早于2000年1月1日"


def test_date_range_not_in_future():
    assert _error(v.DateRange(), datetime.date(2024, 6, 16)) == "日期不得晚于今天"


def test_date_range_margin():
    validator = v.DateRange(days_ahead=30)
    _ok(validator, datetime.date(2024, 7, 15))
    assert _error(validator, datetime.date(2024, 7, 16)) == "日期不得晚于2024年7月15日"


def test_date_range_without_upper_bound():
    _ok(v.DateRange(days_ahead=None), datetime.date(2099, 1, 1))


def test_date_range_accepts_datetimes_by_their_day():
    validator = v.DateRange()
    _ok(validator, datetime.datetime(2024, 6, 15, 23, 59))
    assert _error(validator, datetime.datetime(2024, 6, 16, 0, 0)) == "日期不得晚于今天"


def test_date_range_today_from_constructor_when_unbound():
    unbound = colander.SchemaNode(colander.Date())
    validator = v.DateRange(today=lambda: datetime.date(2024, 6, 15))
    _ok(validator, datetime.date(2024, 6, 15), unbound)
    assert _error(validator, datetime.date(2024, 6, 16), unbound) == "日期不得晚于今天"


def test_date_range_binding_wins_and_may_be_callable():
    validator = v.DateRange(today=lambda: datetime.date(2000, 1, 1))
    node = colander.SchemaNode(colander.Date()).bind(today=lambda: datetime.date(2024, 6, 15))
    _ok(validator, datetime.date(2024, 6, 15), node)


def test_date_range_unbound_without_today_refuses_to_guess():
    """The package never reads the clock: checking against an unknown today is a bug."""
    unbound = colander.SchemaNode(colander.Date(), name="received_on")
    with pytest.raises(v.TodayUnknown, match="received_on"):
        v.DateRange()(unbound, datetime.date(2024, 6, 15))
    _ok(v.DateRange(days_ahead=None), datetime.date(2099, 1, 1), unbound)  # no today needed


@pytest.mark.parametrize("value", ["2000-01", "2024-06", "2023-12"])
def test_year_month_good(value):
    _ok(v.YearMonth(), value)


@pytest.mark.parametrize(
    "value, message",
    [
        ("2024-07", "月份不得晚于本月"),
        ("1999-12", "月份不得早于2000年1月"),
        ("2024-13", "月份格式应为“年-月”，例如 2024-05"),
        ("2024-00", "月份格式应为“年-月”，例如 2024-05"),
        ("2024-6", "月份格式应为“年-月”，例如 2024-05"),
        ("2024/06", "月份格式应为“年-月”，例如 2024-05"),
    ],
)
def test_year_month_bad(value, message):
    assert _error(v.YearMonth(), value) == message


def test_year_range():
    validator = v.YearRange(2019)
    _ok(validator, 2019)
    _ok(validator, 2024)
    assert _error(validator, 2018) == "年度不得早于2019年"
    assert _error(validator, 2025) == "年度不得晚于本年度"


# --- lengths, ranges, choices ------------------------------------------------------------


def test_length():
    validator = v.Length(2, 5)
    _ok(validator, "张三")
    _ok(validator, "一二三四五")
    assert _error(validator, "张") == "不得少于2个字"
    assert _error(validator, "一二三四五六") == "不得超过5个字"


def test_item_count():
    validator = v.ItemCount(1, 5)
    _ok(validator, [1])
    _ok(validator, [1, 2, 3, 4, 5])
    assert _error(validator, []) == "至少填写1项"
    assert _error(validator, [1, 2, 3, 4, 5, 6]) == "最多填写5项"


def test_int_range():
    validator = v.IntRange(1, 30)
    _ok(validator, 1)
    _ok(validator, 30)
    assert _error(validator, 0) == "不得小于1"
    assert _error(validator, 31) == "不得大于30"


def test_one_of_and_subset_of():
    _ok(v.OneOf(["a", "b"]), "a")
    assert _error(v.OneOf(["a", "b"]), "c") == "请从列出的选项中选择"
    _ok(v.SubsetOf(["a", "b"]), {"a", "b"})
    _ok(v.SubsetOf(["a", "b"]), frozenset())
    assert _error(v.SubsetOf(["a", "b"]), {"a", "c"}) == "所选内容不在列出的选项之中"
