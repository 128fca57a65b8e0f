"""Field factories: empty values, widgets, cross-field rule plumbing."""

import datetime

import colander
import deform.widget
import pytest

from schemas import fields as f


class Sample(f.Form):
    name = f.text("名称", 10)
    note = f.long_text("说明", 20, required=False)
    day = f.date("日期", required=False)
    count = f.integer("数量", 1, 9, required=False)
    done = f.flag("已完成")
    kind = f.choice("类别", (("a", "甲"), ("b", "乙")), required=False)
    tags = f.choices("标签", (("x", "子"), ("y", "丑")))
    rows = f.sequence("明细", f.Group(), max=2, item_title="明细")
    start = f.date("开始日期", required=False)
    end = f.date("结束日期", required=False)

    rules = (
        lambda value: [("end", "结束日期不得早于开始日期")]
        if value["start"] and value["end"] and value["end"] < value["start"]
        else [],
    )


@pytest.fixture
def schema():
    return Sample().clone().bind(today=datetime.date(2024, 6, 15))


def test_optional_fields_have_deliberate_empty_values(schema):
    assert schema.deserialize({"name": "甲"}) == {
        "name": "甲",
        "note": "",
        "day": None,
        "count": None,
        "done": False,
        "kind": "",
        "tags": frozenset(),
        "rows": [],
        "start": None,
        "end": None,
    }


def test_empty_values_are_not_shared_between_calls(schema):
    first = schema.deserialize({"name": "甲"})
    first["rows"].append({})
    assert schema.deserialize({"name": "甲"})["rows"] == []


def test_empty_strings_from_a_browser_are_empty(schema):
    cstruct = {"name": "甲", "note": "", "day": "", "count": "", "kind": "", "tags": [], "rows": []}
    appstruct = schema.deserialize(cstruct)
    assert (appstruct["day"], appstruct["count"], appstruct["kind"]) == (None, None, "")


def test_widgets_fit_the_fields(schema):
    widgets = {child.name: type(child.widget) for child in schema.children}
    assert widgets["name"] is deform.widget.TextInputWidget
    assert widgets["note"] is deform.widget.TextAreaWidget
    assert widgets["day"] is deform.widget.DateInputWidget
    assert widgets["done"] is deform.widget.CheckboxWidget
    assert widgets["kind"] is deform.widget.SelectWidget
    assert widgets["tags"] is deform.widget.CheckboxChoiceWidget
    assert widgets["rows"] is deform.widget.SequenceWidget
    assert schema["rows"].widget.max_len == 2
    assert schema["kind"].widget.values[0] == ("", "— 请选择 —")


def test_sequence_limit(schema):
    with pytest.raises(colander.Invalid) as caught:
        schema.deserialize({"name": "甲", "rows": [{}, {}, {}]})
    assert caught.value.asdict() == {"rows": "最多填写2项"}


def test_rule_errors_land_on_the_named_field(schema):
    with pytest.raises(colander.Invalid) as caught:
        schema.deserialize({"name": "甲", "start": "2024-06-02", "end": "2024-06-01"})
    assert caught.value.asdict() == {"end": "结束日期不得早于开始日期"}


def test_rules_wait_for_valid_fields(schema):
    with pytest.raises(colander.Invalid) as caught:
        schema.deserialize({"name": "", "start": "2024-06-02", "end": "2024-06-01"})
    assert caught.value.asdict() == {"name": "此项为必填项"}


def test_choice_rejects_values_outside_the_list(schema):
    with pytest.raises(colander.Invalid) as caught:
        schema.deserialize({"name": "甲", "kind": "c", "tags": ["x", "z"]})
    assert caught.value.asdict() == {"kind": "请从列出的选项中选择", "tags": "所选内容不在列出的选项之中"}


def test_integer_is_strict(schema):
    with pytest.raises(colander.Invalid) as caught:
        schema.deserialize({"name": "甲", "count": "3.0"})
    assert caught.value.asdict() == {"count": "请填写整数"}


def test_text_length_counts_characters_after_stripping(schema):
    assert schema.deserialize({"name": " 一二三四五六七八九十 "})["name"] == "一二三四五六七八九十"
    with pytest.raises(colander.Invalid) as caught:
        schema.deserialize({"name": "一二三四五六七八九十十"})
    assert caught.value.asdict() == {"name": "不得超过10个字"}


def test_a_date_and_time_is_shown_to_the_minute():
    """A time field whose value carries seconds steps by seconds: the browser then refuses a
    round time such as 16:58 (the major event form's default 报告时间 did)."""

    class Timed(f.Form):
        at = f.datetime_("报告时间")

    moment = datetime.datetime(2024, 6, 15, 16, 30, 12)
    html = deform.Form(Timed().bind(today=datetime.date(2024, 6, 15))).render({"at": moment})
    assert 'type="time" name="time" value="16:30"' in html
    assert 'value="2024-06-15"' in html


def test_a_date_and_time_is_shown_in_the_bound_local_zone():
    """A stored 08:56 UTC is shown as 16:56 when the portal binds China time."""
    from portal.clock import to_shanghai

    class Timed(f.Form):
        at = f.datetime_("报告时间")

    moment = datetime.datetime(2024, 6, 15, 8, 56, tzinfo=datetime.UTC)
    schema = Timed().bind(today=datetime.date(2024, 6, 15), local_zone=to_shanghai)
    assert 'value="16:56"' in deform.Form(schema).render({"at": moment})
