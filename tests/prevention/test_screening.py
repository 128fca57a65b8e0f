"""A major risk found in screening is reported at once to the unit's principal leader and up
the chain (the route of the 1-hour major event report), once per entry."""

import datetime

from .conftest import YEAR

CHAIN = ("zy_officer", "zy_head", "city_officer", "city_head", "city_leader", "city_deputy")
NOT_TOLD = ("js_officer", "city_leader2", "jichu_handler", "zy_s01_liaison")


def _risk(level="high", subject="教师绩效工资发放争议"):
    return {
        "found_on": datetime.date(YEAR, 11, 18),
        "subject": subject,
        "description": "三十余名教师反映绩效工资未按时发放，酝酿集体上访。",
        "headcount": 35,
        "risk_level": level,
        "responsible_unit": "中原区第一中学",
        "responsible_person": "周某",
        "deadline": datetime.date(YEAR, 12, 15),
        "measures": "校长约谈教师代表，核实发放情况。",
        "status": "open",
        "resolved_on": None,
        "family_in_hardship": False,
        "assistance": "",
    }


def _add(t, fields, values, token="a0a0a0a0a0a0a0a0"):
    data = fields(
        "risk_ledger_entry", values, [("csrf_token", t.token), ("save", "save"), ("form_token", token)]
    )
    return t.post("/zhongyuan/s01/@@add-risk", data, status=302)


def _edit(t, fields, values, doc="/zhongyuan/s01/doc-0001"):
    data = fields("risk_ledger_entry", values, [("csrf_token", t.token), ("save", "save")])
    return t.post(f"{doc}/@@edit-risk", data, status=302)


def test_a_major_risk_goes_to_the_principal_leader_and_up_at_once(
    signed_in, registry_fields, notices, add_people
):
    add_people(("s01_principal", "周校长", "/zhongyuan/s01", "principal_leader"))
    liaison = signed_in("zy_s01_liaison")
    _add(liaison, registry_fields, _risk())
    title = f"【重大矛盾隐患】中原区第一中学排查发现重大信访矛盾隐患（{YEAR}年11月18日）"
    for userid in CHAIN + ("s01_principal",):
        assert notices(userid) == [title], userid
    for userid in NOT_TOLD:
        assert notices(userid) == [], userid
    # saving it again (status update) tells nobody twice
    _edit(liaison, registry_fields, dict(_risk(), status="in_progress"))
    assert notices("zy_officer") == [title]


def test_a_lower_risk_stays_in_the_ledger_until_it_is_rated_major(signed_in, registry_fields, notices):
    liaison = signed_in("zy_s01_liaison")
    _add(liaison, registry_fields, _risk(level="medium"))
    assert notices("zy_officer") == [] and notices("city_leader") == []
    _edit(liaison, registry_fields, _risk(level="high"))
    assert len(notices("zy_officer")) == 1 and len(notices("city_leader")) == 1
    _edit(liaison, registry_fields, _risk(level="medium"))
    _edit(liaison, registry_fields, _risk(level="high"))
    assert len(notices("zy_officer")) == 1  # once per entry, however its level moves


def test_another_county_cannot_file_in_this_ledger(signed_in, registry_fields, notices):
    other = signed_in("js_s01_liaison")
    data = registry_fields(
        "risk_ledger_entry",
        _risk(),
        [("csrf_token", other.token), ("save", "save"), ("form_token", "b0b0b0b0b0b0b0b0")],
    )
    other.post("/zhongyuan/s01/@@add-risk", data, status=403)
    assert notices("zy_officer") == []
