"""The registration form: group petitions, representatives, handed-down cases."""

import colander
import pytest

REPRESENTATIVE = {"name": "代表", "id_number": "", "phone": "", "address": ""}


def _errors(schema, cstruct):
    with pytest.raises(colander.Invalid) as caught:
        schema.deserialize(cstruct)
    return caught.value.asdict()


def _representatives(count):
    return [dict(REPRESENTATIVE, name=f"代表{n}") for n in range(count)]


@pytest.fixture
def schema(make_schema):
    return make_schema("registration")


@pytest.fixture
def group(sample_cstruct):
    def make(representatives, headcount="20", **changes):
        return sample_cstruct(
            "registration", is_group="true", headcount=headcount, representatives=representatives, **changes
        )

    return make


def test_group_petition_without_representatives_fails(schema, group):
    assert _errors(schema, group([])) == {"representatives": "集体访须至少登记1名代表"}


def test_group_petition_without_representatives_key_fails(schema, group):
    cstruct = group([])
    del cstruct["representatives"]
    assert _errors(schema, cstruct) == {"representatives": "集体访须至少登记1名代表"}


@pytest.mark.parametrize("count", [1, 5])
def test_group_petition_with_one_to_five_representatives_passes(schema, group, count):
    appstruct = schema.deserialize(group(_representatives(count)))
    assert [rep["name"] for rep in appstruct["representatives"]] == [f"代表{n}" for n in range(count)]


def test_six_representatives_fail(schema, group):
    assert _errors(schema, group(_representatives(6))) == {"representatives": "最多填写5项"}


def test_more_representatives_than_people_fails(schema, group):
    errors = _errors(schema, group(_representatives(3), headcount="2"))
    assert errors == {"representatives": "代表人数不得超过来访人数"}


def test_group_petition_of_one_person_fails(schema, group):
    errors = _errors(schema, group(_representatives(1), headcount="1"))
    assert errors == {"headcount": "集体访人数应不少于2人"}


def test_individual_petition_needs_no_representatives(schema, sample_cstruct):
    cstruct = sample_cstruct("registration", is_group="false", headcount="1", representatives=[])
    appstruct = schema.deserialize(cstruct)
    assert appstruct["is_group"] is False
    assert appstruct["representatives"] == []


def test_unchecked_group_flag_absent_means_individual(schema, sample_cstruct):
    cstruct = sample_cstruct("registration", headcount="1")
    del cstruct["is_group"]
    del cstruct["representatives"]
    appstruct = schema.deserialize(cstruct)
    assert appstruct["is_group"] is False
    assert appstruct["representatives"] == []


def test_individual_petition_with_representatives_fails(schema, sample_cstruct):
    cstruct = sample_cstruct(
        "registration", is_group="false", headcount="1", representatives=_representatives(1)
    )
    assert "representatives" in _errors(schema, cstruct)


def test_representative_identity_is_validated_in_place(schema, group):
    reps = _representatives(2)
    reps[1]["id_number"] = "410102198503121237"
    errors = _errors(schema, group(reps))
    assert errors == {"representatives.1.id_number": "居民身份证号码校验位不正确，请核对"}


def test_handed_down_case_names_the_body(schema, sample_cstruct):
    cstruct = sample_cstruct("registration", channel="handed_down", handed_down_by="")
    assert _errors(schema, cstruct) == {"handed_down_by": "上级交办的信访事项须填写交办机关"}
    cstruct["handed_down_by"] = "河南省教育厅"
    assert schema.deserialize(cstruct)["handed_down_by"] == "河南省教育厅"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("channel", "fax", "请从列出的选项中选择"),
        ("level_skipping", "abroad", "请从列出的选项中选择"),
        ("urgency", "very", "请从列出的选项中选择"),
        ("headcount", "0", "不得小于1"),
        ("headcount", "2.5", "请填写整数"),
        ("received_on", "2024-06-16", "日期不得晚于今天"),
        ("received_on", "1999-12-31", "日期不得早于2000年1月1日"),
        ("received_on", "2024-02-30", "日期格式不正确，应为“年-月-日”"),
        ("subject", "事" * 201, "不得超过200个字"),
    ],
)
def test_field_errors_are_chinese_and_at_the_field(schema, sample_cstruct, field, value, message):
    assert _errors(schema, sample_cstruct("registration", **{field: value})) == {field: message}


def test_petitioner_fields_are_checked(schema, sample_cstruct):
    cstruct = sample_cstruct("registration")
    cstruct["petitioner"] = dict(cstruct["petitioner"], name="", phone="12345", id_number="41010219850312123")
    errors = _errors(schema, cstruct)
    assert errors == {
        "petitioner.name": "此项为必填项",
        "petitioner.phone": "请填写11位手机号码或带区号的固定电话",
        "petitioner.id_number": "居民身份证号码应为18位，前17位为数字，最后一位为数字或X",
    }


def test_text_is_stripped_and_id_letter_upper_cased(schema, sample_cstruct):
    cstruct = sample_cstruct("registration", subject="  反映问题  ")
    cstruct["petitioner"] = dict(cstruct["petitioner"], id_number=" 41010520000101005x ")
    appstruct = schema.deserialize(cstruct)
    assert appstruct["subject"] == "反映问题"
    assert appstruct["petitioner"]["id_number"] == "41010520000101005X"


def test_received_on_follows_the_bound_today(make_schema, sample_cstruct):
    import datetime

    cstruct = sample_cstruct("registration", received_on="2024-06-16")
    schema = make_schema("registration", today=datetime.date(2024, 6, 16))
    assert schema.deserialize(cstruct)["received_on"] == datetime.date(2024, 6, 16)
