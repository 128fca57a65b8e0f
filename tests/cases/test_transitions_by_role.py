"""Who may and who may not act, for every relation to a case and every state.

The case of most tests here went city -> county -> school: 郑州市教育局 registered it (and so
supervises), 中原区教育局 assigned it to 中原区第一中学 (responsible), whose handling opinion
中原区教育局基础教育科 reviews. The people and their relations:

  city_officer, city_head        registering / supervising, petition staff
  city_leader, city_deputy       registering / supervising, leaders who may see identities
  zy_officer, zy_head            assigning (the county), petition staff
  zy_leader                      assigning, leader
  zy_s01_liaison                 responsible (the school)
  zy_jichu_handler               reviewing (the county's business department)
  jichu_handler                  none: the city's department, not named for this case
  js_officer, js_s01_liaison     none: another county and its school
"""

import pytest

from portal.testing.web import csrf_token

CHAIN_PEOPLE = (
    "city_officer",
    "city_head",
    "city_leader",
    "city_deputy",
    "zy_officer",
    "zy_head",
    "zy_leader",
    "zy_s01_liaison",
    "zy_jichu_handler",
    "jichu_handler",
    "js_officer",
    "js_s01_liaison",
)

# transition: (state, documents, who may, who may not) on the city -> county -> school case
ON_THE_CHAIN = {
    "return_case_up": ("assigned", [], "zy_s01_liaison", ("zy_officer", "city_officer")),
    "start_handling": ("assigned", [], "zy_s01_liaison", ("zy_officer", "city_officer", "zy_jichu_handler")),
    "withdraw": ("handling", [], "city_officer", ("zy_s01_liaison", "zy_officer", "js_officer")),
    "withdraw_down": ("handling", [], "zy_officer", ("city_officer", "zy_s01_liaison", "zy_jichu_handler")),
    "submit_opinion": (
        "handling",
        ["investigation_report", "handling_opinion"],
        "zy_s01_liaison",
        ("zy_jichu_handler", "zy_officer", "city_officer"),
    ),
    "approve_opinion": (
        "opinion_submitted",
        [],
        "zy_jichu_handler",
        ("zy_officer", "city_officer", "jichu_handler", "zy_s01_liaison"),
    ),
    "reject_opinion": (
        "opinion_submitted",
        [],
        "zy_jichu_handler",
        ("zy_s01_liaison", "city_officer", "jichu_handler"),
    ),
    "conclude": (
        "opinion_approved",
        ["closing_report"],
        "zy_officer",
        ("city_officer", "zy_s01_liaison", "zy_jichu_handler", "zy_leader"),
    ),
    "reply": ("concluded", ["reply"], "city_officer", ("zy_officer", "zy_s01_liaison", "city_leader")),
    "rate": ("replied", ["satisfaction_rating"], "city_head", ("zy_head", "city_deputy")),
    "request_review": (
        "rated",
        ["review_request"],
        "zy_head",
        ("city_officer", "zy_s01_liaison", "city_leader"),
    ),
    "answer_review": (
        "under_review",
        ["review_opinion"],
        "zy_officer",
        ("city_officer", "zy_leader", "zy_s01_liaison"),
    ),  # filed while rated
    "request_rereview": (
        "reviewed",
        ["rereview_request"],
        "city_officer",
        ("zy_officer", "city_leader", "js_officer"),
    ),
    "answer_rereview": (
        "under_rereview",
        ["rereview_opinion"],
        "city_head",
        ("zy_head", "city_deputy"),
    ),  # filed while reviewed
    "archive": (
        "rereviewed",
        ["acceptance_notice", "investigation_report", "handling_opinion", "closing_report", "reply"],
        "city_officer",
        ("zy_officer", "zy_s01_liaison", "city_leader"),
    ),
}
SIGNED = {"archive"}  # transitions whose documents must be signed off (the case volume)

# before assignment, on a case the county registered (the city is above it)
AT_THE_COUNTY = {
    "accept": (
        "registered",
        ["acceptance_notice"],
        "zy_officer",
        ("city_officer", "zy_leader", "zy_s01_liaison"),
    ),
    "decline": ("registered", ["decline_notice"], "zy_head", ("city_head", "zy_leader")),
    "forward": ("registered", ["forward_notice"], "zy_officer", ("city_officer", "js_officer")),
    "instruct": ("accepted", [], "zy_leader", ("zy_officer", "city_leader", "city_officer")),
}


def put_in_state(flow, path, state):
    """Move the stored case to ``state`` directly (the workflow's own steps are tested in
    test_lifecycle and test_handling_chain), with the petitioner's documents delivered today."""
    from portal.clock import today

    def move(case):
        from portal.catalog import reindex_object

        case.workflow_state = state
        case.deliveries = {"review": today(), "rereview": today()}
        reindex_object(case)

    flow.case(path, move)


@pytest.fixture
def chain_case(flow):
    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan", "/jichu")
    flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu")
    return path


# the request a body answers was filed in the state before: that brought the body onto the chain
FILED_BEFORE = {
    "under_review": ("rated", "review_request"),
    "under_rereview": ("reviewed", "rereview_request"),
}


def _check(flow, path, transition, state, docs, allowed, refused):
    if state in FILED_BEFORE:
        before, request = FILED_BEFORE[state]
        put_in_state(flow, path, before)
        flow.docs(path, request)
    put_in_state(flow, path, state)
    if docs:
        flow.docs(path, *docs, signed=transition in SIGNED)
    for who in refused:
        flow.refused(who, path, transition, "意见")
    flow.must(allowed, path, transition, "同意")


@pytest.mark.parametrize("transition", sorted(ON_THE_CHAIN))
def test_on_the_chain(transition, flow, chain_case):
    state, docs, allowed, refused = ON_THE_CHAIN[transition]
    _check(flow, chain_case, transition, state, docs, allowed, refused)


@pytest.mark.parametrize("transition", sorted(AT_THE_COUNTY))
def test_at_the_registering_county(transition, flow):
    state, docs, allowed, refused = AT_THE_COUNTY[transition]
    path = flow.register("zy_officer", "/zhongyuan")
    _check(flow, path, transition, state, docs, allowed, refused)


def test_return_from_a_direct_assignment_goes_back_to_the_registering_unit(flow):
    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan/s01", "/jichu")
    flow.refused("zy_s01_liaison", path, "return_case_up", "不属于本校职责")
    flow.refused("city_officer", path, "return_case", "不属于本校职责")
    flow.refused("zy_s01_liaison", path, "return_case", "")  # a reason is required
    flow.must("zy_s01_liaison", path, "return_case", "不属于本校职责")


# state -> (who sees the case, who does not) on the city -> county -> school case
VIEWERS = {
    "assigned": (
        "city_officer city_leader city_deputy zy_officer zy_head zy_leader zy_s01_liaison zy_jichu_handler",
        "jichu_handler js_officer js_s01_liaison",
    ),
    "handling": ("city_officer zy_officer zy_s01_liaison zy_jichu_handler", "jichu_handler js_officer"),
    "opinion_submitted": ("city_head zy_head zy_s01_liaison zy_jichu_handler", "js_s01_liaison"),
    "opinion_approved": ("city_officer zy_officer zy_s01_liaison", "jichu_handler js_officer"),
    "concluded": ("city_officer zy_officer zy_s01_liaison", "js_officer"),
    "replied": ("city_officer zy_officer zy_s01_liaison", "js_officer jichu_handler"),
    "under_review": ("city_officer zy_officer zy_leader", "zy_s01_liaison zy_jichu_handler"),
    "archived": (
        "city_officer zy_officer city_leader",
        "zy_s01_liaison zy_jichu_handler zy_leader city_leader2 js_officer",
    ),
}

# state -> who may see the petitioner's identity unmasked (of CHAIN_PEOPLE; the others may not)
IDENTITY = {
    "assigned": "city_officer city_head city_leader city_deputy zy_officer zy_head zy_leader",
    "opinion_submitted": "city_officer zy_head",
    "replied": "city_officer zy_officer city_deputy",
    "archived": "city_officer city_head",
}


def test_who_sees_the_case_and_the_identity_in_each_state(flow, chain_case):
    path = chain_case
    for state in sorted(set(VIEWERS) | set(IDENTITY)):
        put_in_state(flow, path, state)
        if state in VIEWERS:
            yes, no = VIEWERS[state]
            for who in yes.split():
                assert flow.user(who).get(path, expect_errors=True).status_int == 200, (state, who)
            for who in no.split():
                assert flow.user(who).get(path, expect_errors=True).status_int == 403, (state, who)
        if state in IDENTITY:
            allowed = set(IDENTITY[state].split())
            for who in (
                CHAIN_PEOPLE
                if state == "assigned"
                else sorted(allowed) + ["zy_s01_liaison", "zy_jichu_handler"]
            ):
                t = flow.user(who)
                status = t.post(
                    path + "@@reveal-identity", {"csrf_token": csrf_token(t)}, expect_errors=True
                ).status_int
                assert (status == 200) == (who in allowed), (state, who, status)


def test_the_assignment_form_by_relation(flow, chain_case):
    path = chain_case
    # the school holds it and has no unit below: no 转办 for it; others off the chain: none
    for who in ("zy_s01_liaison", "zy_jichu_handler", "js_officer", "city_leader"):
        flow.user(who).get(path + "@@assign", status=403)
    # the county passes on within its subtree, the city reassigns within the city
    county = flow.user("zy_officer").get(path + "@@assign").forms["portal-form"]
    assert all(v.startswith("/zhongyuan/") for v, _s, _t in county["target"].options)
    assert "改派" in flow.user("city_officer").get(path + "@@assign").text
    # reminders and supervision: the units above, not the school or another county
    for who in ("city_officer", "zy_officer"):
        assert flow.user(who).get(path + "@@supervise").status_int == 200
    for who in ("zy_s01_liaison", "js_officer", "zy_jichu_handler"):
        flow.user(who).get(path + "@@remind", status=403)
