"""Field ranges and cross-field rules of individual documents."""

import datetime

import colander
import pytest


def _errors(schema, cstruct):
    with pytest.raises(colander.Invalid) as caught:
        schema.deserialize(cstruct)
    return caught.value.asdict()


# --- extension ------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["extension_approval", "extension_notice"])
@pytest.mark.parametrize("days", ["1", "15", "30"])
def test_extension_days_from_1_to_30_pass(make_schema, sample_cstruct, code, days):
    appstruct = make_schema(code).deserialize(sample_cstruct(code, extension_days=days))
    assert appstruct["extension_days"] == int(days)


@pytest.mark.parametrize("code", ["extension_approval", "extension_notice"])
@pytest.mark.parametrize(
    "days, message",
    [
        ("0", "不得小于1"),
        ("31", "不得大于30"),
        ("-5", "不得小于1"),
        ("10.5", "请填写整数"),
        ("十", "请填写整数"),
        ("", "此项为必填项"),
    ],
)
def test_extension_days_outside_1_to_30_fail(make_schema, sample_cstruct, code, days, message):
    errors = _errors(make_schema(code), sample_cstruct(code, extension_days=days))
    assert errors == {"extension_days": message}


def test_extension_requested_after_the_time_limit_fails(make_schema, sample_cstruct):
    cstruct = sample_cstruct("extension_approval", original_due_on="2024-06-09", applied_on="2024-06-10")
    assert _errors(make_schema("extension_approval"), cstruct) == {
        "original_due_on": "延期申请应在原办结时限届满前提出"
    }


def test_extension_requested_on_the_last_day_passes(make_schema, sample_cstruct):
    cstruct = sample_cstruct("extension_approval", original_due_on="2024-06-09", applied_on="2024-06-09")
    assert make_schema("extension_approval").deserialize(cstruct)["applied_on"] == datetime.date(2024, 6, 9)


# --- date order -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, changes, field, message",
    [
        ("acceptance_notice", {"issued_on": "2024-06-02"}, "issued_on", "告知日期不得早于收到信访事项日期"),
        (
            "acceptance_notice",
            {"accepted_on": "2024-06-01"},
            "accepted_on",
            "受理日期不得早于收到信访事项日期",
        ),
        ("instruction_assignment", {"due_on": "2024-06-02"}, "due_on", "办结时限不得早于交办日期"),
        ("assignment_slip", {"due_on": "2024-06-04"}, "due_on", "时限不得早于发出日期"),
        (
            "ownership_report",
            {"reported_on": "2024-06-09"},
            "reported_on",
            "报告日期不得早于接到包案通知日期",
        ),
        ("closing_report", {"concluded_on": "2024-06-04"}, "concluded_on", "办结日期不得早于受理日期"),
        (
            "review_request",
            {"requested_on": "2024-05-31"},
            "requested_on",
            "申请日期不得早于收到处理意见书日期",
        ),
        (
            "major_event_report",
            {"reported_at": "2024-06-15T08:29:00"},
            "reported_at",
            "报告时间不得早于发生时间",
        ),
        ("emergency_report", {"reported_on": "2024-06-11"}, "reported_on", "报告日期不得早于发生日期"),
        ("archive_lending", {"returned_on": "2024-06-09"}, "returned_on", "归还日期不得早于借出日期"),
        ("rectification_notice", {"due_on": "2024-06-14"}, "due_on", "整改期限不得早于发文日期"),
    ],
)
def test_dates_out_of_order_fail_at_the_later_field(
    make_schema, sample_cstruct, code, changes, field, message
):
    assert _errors(make_schema(code), sample_cstruct(code, **changes)) == {field: message}


def test_event_time_without_zone_is_local_time(make_schema, sample_cstruct):
    cstruct = sample_cstruct(
        "major_event_report", event_time="2024-06-15T08:30:00", reported_at="2024-06-15T01:10:00Z"
    )
    appstruct = make_schema("major_event_report").deserialize(cstruct)
    assert appstruct["event_time"].utcoffset() == datetime.timedelta(hours=8)
    assert appstruct["event_time"].hour == 8
    assert appstruct["reported_at"].hour == 9  # 01:10 UTC shown in China time
    assert appstruct["reported_at"] - appstruct["event_time"] == datetime.timedelta(minutes=40)


def test_event_time_unbound_stays_as_typed(sample_cstruct):
    """The schemas name no time zone: without ``local_zone`` a time stays naive."""
    from schemas import get_document_type

    cstruct = sample_cstruct(
        "major_event_report", event_time="2024-06-15T08:30:00", reported_at="2024-06-15T09:10:00"
    )
    schema = get_document_type("major_event_report").schema().bind(today=datetime.date(2024, 6, 15))
    appstruct = schema.deserialize(cstruct)
    assert appstruct["event_time"] == datetime.datetime(2024, 6, 15, 8, 30)


def test_event_time_in_the_future_fails(make_schema, sample_cstruct):
    cstruct = sample_cstruct("major_event_report", event_time="2024-06-16T00:10:00")
    assert _errors(make_schema("major_event_report"), cstruct) == {"event_time": "日期不得晚于今天"}


# --- conditional fields --------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, changes, field",
    [
        ("letter_request", {"letter_kind": "joint", "signatories": ""}, "signatories"),
        ("reception_register", {"outcome": "referred", "referred_unit": ""}, "referred_unit"),
        ("first_contact", {"action": "referred", "referred_department": ""}, "referred_department"),
        ("risk_ledger_entry", {"status": "resolved", "resolved_on": ""}, "resolved_on"),
        ("emergency_report", {"plan_activated": "true", "activated_by": ""}, "activated_by"),
        ("training_record", {"fed_back": "true", "fed_back_on": ""}, "fed_back_on"),
        ("annual_assessment", {"veto_details": ""}, "veto_details"),
        ("reception_schedule", {"substitution_approved": "false"}, "substitution_approved"),
        ("reception_schedule", {"substitution_reason": ""}, "substitution_reason"),
    ],
)
def test_conditionally_required_fields(make_schema, sample_cstruct, code, changes, field):
    errors = _errors(make_schema(code), sample_cstruct(code, **changes))
    assert list(errors) == [field]
    assert "须" in errors[field] or errors[field] == "此项为必填项"


def test_schedule_without_substitute_needs_no_approval(make_schema, sample_cstruct):
    cstruct = sample_cstruct(
        "reception_schedule",
        substitute_name="",
        substitute_post="",
        substitution_reason="",
        substitution_approved="false",
    )
    appstruct = make_schema("reception_schedule").deserialize(cstruct)
    assert appstruct["substitute_name"] == ""
    assert appstruct["substitution_approved"] is False


def test_schedule_end_after_start(make_schema, sample_cstruct):
    cstruct = sample_cstruct("reception_schedule", end_time="09:00")
    assert _errors(make_schema("reception_schedule"), cstruct) == {"end_time": "结束时间应晚于开始时间"}


def test_schedule_may_be_a_year_ahead(make_schema, sample_cstruct):
    schema = make_schema("reception_schedule")
    assert schema.deserialize(sample_cstruct("reception_schedule", reception_date="2025-06-15"))
    errors = _errors(schema, sample_cstruct("reception_schedule", reception_date="2025-06-17"))
    assert errors == {"reception_date": "日期不得晚于2025年6月16日"}


# --- choices, lists, scores -------------------------------------------------------------


def test_ownership_checklist_is_a_frozenset_of_known_items(make_schema, sample_cstruct):
    schema = make_schema("ownership_register")
    appstruct = schema.deserialize(
        sample_cstruct(
            "ownership_register", five_undertakings=["resolution", "lawful_handling"], four_in_person=[]
        )
    )
    assert appstruct["five_undertakings"] == frozenset({"resolution", "lawful_handling"})
    assert isinstance(appstruct["five_undertakings"], frozenset)
    assert appstruct["four_in_person"] == frozenset()
    errors = _errors(schema, sample_cstruct("ownership_register", four_in_person=["sleep"]))
    assert errors == {"four_in_person": "所选内容不在列出的选项之中"}


def test_ownership_checklist_absent_is_empty(make_schema, sample_cstruct):
    cstruct = sample_cstruct("ownership_register")
    del cstruct["five_undertakings"]
    assert make_schema("ownership_register").deserialize(cstruct)["five_undertakings"] == frozenset()


def test_zero_report_nothing_with_items_fails(make_schema, sample_cstruct):
    errors = _errors(make_schema("zero_report"), sample_cstruct("zero_report", kind="nothing"))
    assert errors == {"items": "零报告不应填写事项；有情况的请选择“有情况”"}


def test_zero_report_items_without_items_fails(make_schema, sample_cstruct):
    errors = _errors(make_schema("zero_report"), sample_cstruct("zero_report", items=[]))
    assert errors == {"items": "有情况的须至少填写1项"}


def test_zero_report_nothing(make_schema, sample_cstruct):
    appstruct = make_schema("zero_report").deserialize(
        sample_cstruct("zero_report", kind="nothing", items=[])
    )
    assert appstruct["kind"] == "nothing"
    assert appstruct["items"] == []


def test_monthly_report_with_nothing_in_any_section(make_schema, sample_cstruct):
    cstruct = sample_cstruct("monthly_report")
    for section in ("level_skipping", "risks", "major_cases", "incidents"):
        del cstruct[section]
    appstruct = make_schema("monthly_report").deserialize(cstruct)
    assert appstruct["risks"] == [] and appstruct["incidents"] == []


def test_monthly_report_month_must_not_be_ahead(make_schema, sample_cstruct):
    errors = _errors(make_schema("monthly_report"), sample_cstruct("monthly_report", month="2024-07"))
    assert errors == {"month": "月份不得晚于本月"}


def test_assessment_score_above_full_marks_fails(make_schema, sample_cstruct):
    cstruct = sample_cstruct("annual_assessment")
    cstruct["quantitative"][0]["score"] = "30.5"
    errors = _errors(make_schema("annual_assessment"), cstruct)
    assert errors == {"quantitative.0.score": "得分不得超过分值"}


def test_assessment_needs_an_indicator_and_a_past_year(make_schema, sample_cstruct):
    errors = _errors(
        make_schema("annual_assessment"), sample_cstruct("annual_assessment", quantitative=[], year="2025")
    )
    assert errors == {"quantitative": "至少填写1项", "year": "年度不得晚于本年度"}


def test_assessment_without_veto_needs_no_details(make_schema, sample_cstruct):
    appstruct = make_schema("annual_assessment").deserialize(
        sample_cstruct("annual_assessment", veto_items=[], veto_details="")
    )
    assert appstruct["veto_items"] == frozenset()


def test_score_is_rounded_to_one_decimal(make_schema, sample_cstruct):
    from decimal import Decimal

    cstruct = sample_cstruct("annual_assessment")
    cstruct["quantitative"][0]["score"] = "28.46"
    appstruct = make_schema("annual_assessment").deserialize(cstruct)
    assert appstruct["quantitative"][0]["score"] == Decimal("28.5")


def test_accountability_needs_grounds_and_persons(make_schema, sample_cstruct):
    errors = _errors(
        make_schema("accountability_proposal"),
        sample_cstruct("accountability_proposal", grounds=[], persons=[]),
    )
    assert errors == {"grounds": "至少填写1项", "persons": "至少填写1项"}


def test_accountability_person_kinds(make_schema, sample_cstruct):
    cstruct = sample_cstruct("accountability_proposal")
    cstruct["persons"][0]["responsibility"] = "bystander"
    errors = _errors(make_schema("accountability_proposal"), cstruct)
    assert errors == {"persons.0.responsibility": "请从列出的选项中选择"}


def test_stability_assessment_recipients(make_schema, sample_cstruct):
    schema = make_schema("stability_risk_assessment")
    appstruct = schema.deserialize(
        sample_cstruct("stability_risk_assessment", reported_to=["petition_office"])
    )
    assert appstruct["reported_to"] == frozenset({"petition_office"})
