"""The accountability proposal: by the head of the issuing office, to the body above the
responsible unit, naming grounds, responsible persons (of the three kinds) and forms (of the
five) from the regulation's lists; "overdue" only when the unit is overdue."""

import datetime

from pyramid.traversal import find_resource

from .conftest import DUE, YEAR, at

PERSONS = [
    {
        "name": "周某",
        "post": "校长",
        "responsibility": "principal_leadership",
        "proposed_form": "admonitory_talk",
    },
    {
        "name": "黄某",
        "post": "信访工作人员",
        "responsibility": "direct",
        "proposed_form": "circulated_criticism",
    },
]


def _propose(t, fields, path, values, status=302):
    data = fields("accountability_proposal", values, [("csrf_token", t.token), ("save", "save")])
    return t.post(f"{path}@@accountability-proposal", data, status=status)


def _prefilled(page):
    form = page.forms["portal-form"]
    return {
        name: form[name].value
        for name in ("addressee", "responsible_unit", "prior_ref", "trigger", "issuing_unit")
    }


def test_a_proposal_after_the_deadline(
    app, site_of, signed_in, issue_to, registry_fields, notices, clock, add_people
):
    add_people(("zy_leader", "马卫东", "/zhongyuan", "principal_leader"))
    path = issue_to(signed_in("zy_officer"), "/zhongyuan/s01")
    head = signed_in("zy_head")
    signed_in("zy_officer").get(f"{path}@@accountability-proposal", status=403)  # the head
    signed_in("city_head").get(f"{path}@@accountability-proposal", status=403)  # the issuer's
    assert _prefilled(head.get(f"{path}@@accountability-proposal"))["trigger"] == "serious_consequences"
    values = {
        "document_ref": f"中原教信〔{YEAR}〕1号",
        "addressee": "中原区教育局",
        "responsible_unit": "中原区第一中学",
        "prior_ref": f"中原教信〔{YEAR}〕1号",
        "trigger": "overdue",
        "grounds": frozenset({"dereliction"}),
        "facts": "逾期未整改。",
        "persons": PERSONS,
        "issuing_unit": "中原区教育局",
        "issued_on": datetime.date(YEAR, 11, 20),
    }
    page = _propose(head, registry_fields, path, values, status=200)
    assert "责任单位未逾期整改，不能以“逾期未整改”为由提出责任追究建议" in page.text

    clock.set(at(DUE + datetime.timedelta(days=1), 9))
    page = head.get(f"{path}@@accountability-proposal")
    assert _prefilled(page) == {
        "addressee": "中原区教育局",
        "responsible_unit": "中原区第一中学",
        "prior_ref": f"中原教信〔{YEAR}〕1号",
        "trigger": "overdue",
        "issuing_unit": "中原区教育局",
    }
    assert "逾期未整改到位" in page.forms["portal-form"]["facts"].value
    _propose(head, registry_fields, path, values)
    with site_of(app) as site:
        from portal.accountability.proposals import proposals

        (doc,) = proposals(find_resource(site, path))
        assert doc.appstruct["persons"][0]["responsibility"] == "principal_leadership"
        assert doc.appstruct["grounds"] == frozenset({"dereliction"})
    assert notices("zy_leader") == [
        "中原区教育局信访部门拟向中原区教育局提出对中原区第一中学的信访责任追究建议"
    ]
    shown = signed_in("zy_officer").get(path).text
    assert "主要领导责任者" in shown and "诫勉谈话" in shown and "通报批评" in shown


def test_the_body_above_a_county_is_its_government(signed_in, issue_to):
    path = issue_to(signed_in("city_officer"), "/zhongyuan")
    page = signed_in("city_head").get(f"{path}@@accountability-proposal")
    assert page.forms["portal-form"]["addressee"].value == "中原区人民政府"
