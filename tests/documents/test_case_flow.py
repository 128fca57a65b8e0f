"""A case's documents through the pages, as the people involved work: the responsible unit
drafts (and corrects when returned), the unit above checks and signs, the petition office
signs what goes to the petitioner, archiving waits for signed versions -- at city and county
level. Who may not is refused; a refused step names the document and the unit that must
supply it, with a link for whoever can."""

import datetime

import pytest
from pyramid.traversal import find_resource

from portal.caching.http import NO_STORE
from portal.testing.clock import start_from_environment
from portal.testing.web import csrf_token
from tests.cases.conftest import PETITIONER, Flow
from tests.documents.conftest import fill_form

TODAY = start_from_environment().date().isoformat()  # the suite clock's day
YEAR = TODAY[:4]
NAME = PETITIONER["name"]

#: What a drafter types into each document: only what the case cannot know.
TYPED = {
    "acceptance_notice": {
        "issued_on": TODAY,
        "time_limit_days": "60",
        "contact_phone": "0371-67000001",
        # not known yet when the notice is written before accepting
        "accepted_on": TODAY,
        "handling_unit": "中原区第一中学",
    },
    "investigation_report": {
        "investigators": "王老师、李老师",
        "facts": "经查，资料费系学校自行收取。",
        "basis": "《中小学收费管理办法》",
        "handling": "已责令学校全额退费。",
        "unit_leader": "周校长",
        "reported_on": TODAY,
    },
    "handling_opinion": {
        "issued_on": TODAY,
        "facts": "学校收取资料费无依据。",
        "basis": "《中小学收费管理办法》",
        "opinion": "全额退还所收费用。",
        "stability_measures": "班主任逐一回访家长。",
    },
    "closing_report": {
        "concluded_on": TODAY,
        "facts": "经查属实。",
        "result": "已全额退费。",
        "petitioner_response": "满意",
        "unit_leader": "周校长",
        "reported_on": TODAY,
    },
    "reply": {
        "addressee_kind": "petitioner",
        "content": "经查，学校已全额退还资料费。",
        "delivery": "post",
        "replied_on": TODAY,
    },
    "satisfaction_rating": {"rating": "satisfied", "rated_on": TODAY},
}


def path_of(res):
    return res.location.replace("http://localhost", "")


def confirm(t, url, status=302):
    return t.post(url, {"confirm": "1", "csrf_token": csrf_token(t)}, status=status)


def doc_path(case_path, res):
    path = path_of(res)
    assert path.startswith(case_path + "doc-"), path
    return path


def stored(flow, path):
    with flow.site_of(flow.app) as site:
        doc = find_resource(site, path)
        return doc.state, doc.number, dict(doc.appstruct), doc.checked_by


@pytest.fixture
def flow(app, site_of):
    return Flow(app, site_of)


def accepted_with_a_signed_notice(flow, draft, login="city_officer", unit="/"):
    """Register, write and sign the acceptance notice through its pages, accept."""
    officer = flow.user(login)
    path = flow.register(login, unit)
    notice = doc_path(path, draft(officer, path, "acceptance_notice", TYPED["acceptance_notice"]))
    confirm(officer, notice + "@@sign-off")
    flow.must(login, path, "accept")
    return path, notice


@pytest.fixture
def city_case(flow, draft):
    """A city case, instructed, assigned to the school (its opinion reviewed by 基础教育处)."""
    path, notice = accepted_with_a_signed_notice(flow, draft)
    flow.must("city_leader", path, "instruct", "请依法依规办理")
    flow.assign("city_officer", path, "/zhongyuan/s01", "/jichu")
    flow.must("zy_s01_liaison", path, "start_handling")
    return path, notice


def test_the_school_drafts_without_being_asked_for_the_identity(flow, city_case, draft):
    path, _notice = city_case
    liaison, officer = flow.user("zy_s01_liaison"), flow.user("city_officer")
    page = liaison.get(path + "@@add-document", {"code": "closing_report"})
    form = page.forms["portal-form"]
    assert "petitioner_name" not in form.fields and "subject" not in form.fields
    assert "responsible_unit" not in form.fields and "reported_to" not in form.fields
    given = page.html.select_one(".case-facts").text
    assert "反映某中学违规收费问题" in given and "中原区第一中学" in given and "郑州市教育局" in given
    assert "张**" in given and NAME not in page.text
    # a name slipped into the POST by hand is ignored: the case says who petitioned
    fill_form(form, TYPED["closing_report"])
    fields = form.submit_fields("save") + [("petitioner_name", "冒充者")]
    report = doc_path(path, liaison.post(form.action, fields, status=302))
    status, number, values, _checked = stored(flow, report)
    assert status == "draft" and number is None
    assert values["subject"] == "反映某中学违规收费问题" and values["reported_to"] == "郑州市教育局"
    assert values["responsible_unit"] == "中原区第一中学" and "petitioner_name" not in values
    shown = liaison.get(report)
    assert "张**" in shown.text and NAME not in shown.text
    assert "信访人身份信息已隐去" in shown.text
    full = officer.get(report)
    assert NAME in full.text and full.headers["Cache-Control"] == NO_STORE
    with flow.site_of(flow.app) as site:
        entry = site.identity_audit.entries(1)[0]
        assert (entry.userid, entry.case_path, entry.view) == ("city_officer", report.rstrip("/"), "文书页面")


def test_the_closing_report_can_follow_the_opinion_and_the_refusal_says_who(flow, city_case, draft):
    path, _notice = city_case
    liaison = flow.user("zy_s01_liaison")
    draft(liaison, path, "investigation_report", TYPED["investigation_report"])
    draft(liaison, path, "handling_opinion", TYPED["handling_opinion"])
    flow.must("zy_s01_liaison", path, "submit_opinion")
    flow.must("jichu_handler", path, "approve_opinion")
    message = flow.act("city_officer", path, "conclude").html.select_one(".alert-danger")
    assert "执行“办结”前，“结案报告”须由承办单位（中原区第一中学）起草" in message.text
    assert message.select("a") == []  # the office cannot write the school's report
    # the school sees what is waiting for it, with the link, once the opinion is through
    needed = liaison.get(path).html.select_one(".case-requirements")
    assert "“结案报告”须由承办单位（中原区第一中学）起草" in needed.text
    link = needed.find("a", string="立即填写")["href"]
    liaison.set_cookie("_LOCALE_", "en")  # the same, in English (issue 18, item 6)
    needed = liaison.get(path).html.select_one(".case-requirements")
    assert "“Closing report” is to be drafted by Handling unit (中原区第一中学)" in needed.text
    assert needed.find("a", string="Fill in now")["href"] == link
    liaison.set_cookie("_LOCALE_", "zh_CN")
    fill_form(liaison.get(link).forms["portal-form"], TYPED["closing_report"]).submit("save", status=302)
    flow.must("city_officer", path, "conclude")


def test_check_return_correct_sign_reply_and_archive_at_city_level(flow, city_case, draft):
    path, notice = city_case
    liaison, officer = flow.user("zy_s01_liaison"), flow.user("city_officer")
    department = flow.user("jichu_handler")
    assert stored(flow, notice)[1] == f"郑教信〔{YEAR}〕1号"
    docs = {
        code: doc_path(path, draft(liaison, path, code, TYPED[code]))
        for code in ("investigation_report", "handling_opinion", "closing_report")
    }
    # the school may not check or sign its own reports
    liaison.get(docs["closing_report"] + "@@check", status=403)
    liaison.get(docs["closing_report"] + "@@sign-off", status=403)
    flow.must("zy_s01_liaison", path, "submit_opinion")
    # the unit above (or the department it named) checks; the unit above signs, after checking
    page = officer.get(docs["investigation_report"] + "@@sign-off", status=409)
    assert "须先经审核，才能签发" in page.text
    confirm(officer, docs["investigation_report"] + "@@check")
    confirm(officer, docs["investigation_report"] + "@@sign-off")
    assert stored(flow, docs["investigation_report"])[1] == f"郑教信〔{YEAR}〕1号"
    confirm(department, docs["handling_opinion"] + "@@check")
    department.get(docs["handling_opinion"] + "@@sign-off", status=403)  # checks, never signs
    # returned: the school corrects the signed report (a new version) and edits a draft
    flow.must("jichu_handler", path, "reject_opinion", "请补充退费凭证")
    corrected = path_of(confirm(liaison, docs["investigation_report"] + "@@correct"))
    corrected = corrected.replace("@@edit", "")
    form = liaison.get(corrected + "@@edit").forms["portal-form"]
    fill_form(form, {"handling": "已全额退费，凭证附后。"}).submit("save", status=302)
    form = liaison.get(docs["handling_opinion"] + "@@edit").forms["portal-form"]
    fill_form(form, {"opinion": "全额退还所收费用，并向家长致歉。"}).submit("save", status=302)
    assert stored(flow, docs["handling_opinion"])[3] is None  # the edit undid the check
    flow.must("zy_s01_liaison", path, "submit_opinion")
    for doc in (corrected, docs["handling_opinion"], docs["closing_report"]):
        confirm(department, doc + "@@check")
    for doc in (corrected, docs["handling_opinion"]):
        confirm(officer, doc + "@@sign-off")
    numbers = {stored(flow, d)[1] for d in (corrected, docs["handling_opinion"])}
    assert numbers == {f"郑教信〔{YEAR}〕2号", f"郑教信〔{YEAR}〕1号"}
    flow.must("jichu_handler", path, "approve_opinion")
    flow.must("city_officer", path, "conclude")

    # the reply: the office writes only the answer; the name comes from the case at sign-off
    page = officer.get(path + "@@add-document", {"code": "reply"})
    assert "petitioner_name" not in page.forms["portal-form"].fields
    reply = doc_path(path, draft(officer, path, "reply", TYPED["reply"]))
    assert "petitioner_name" not in stored(flow, reply)[2]
    confirm(officer, reply + "@@sign-off")
    status, number, values, _c = stored(flow, reply)
    assert (status, number, values["petitioner_name"]) == ("signed", f"郑教信〔{YEAR}〕1号", NAME)
    flow.must("city_officer", path, "reply")
    draft(officer, path, "satisfaction_rating", TYPED["satisfaction_rating"])
    flow.must("city_officer", path, "rate")

    def reply_delivered_long_ago(case):  # the 30 days for a 复查 request have run out
        case.deliveries = {"review": datetime.date.fromisoformat(TODAY) - datetime.timedelta(90)}

    flow.case(path, reply_delivered_long_ago)
    # archiving waits for the signed closing report and says who signs it, with the link
    refused = flow.act("city_officer", path, "archive").html.select_one(".alert-danger")
    assert "执行“归档”前，“结案报告”须由交办单位信访处（科）或领导（郑州市教育局）签发" in refused.text
    assert refused.find("a")["href"].endswith(docs["closing_report"] + "@@sign-off")
    assert flow.state(path) == "rated"
    confirm(officer, docs["closing_report"] + "@@sign-off")
    flow.must("city_officer", path, "archive")


def test_county_documents_are_signed_by_the_county_with_its_number(flow, draft):
    officer, head = flow.user("zy_officer"), flow.user("zy_head")
    path = flow.register("zy_officer", "/zhongyuan")
    notice = doc_path(path, draft(officer, path, "acceptance_notice", TYPED["acceptance_notice"]))
    for other in ("city_officer", "zy_s01_liaison", "js_officer"):
        t = flow.user(other)
        t.post(notice + "@@sign-off", {"confirm": "1", "csrf_token": csrf_token(t)}, status=403)
    confirm(officer, notice + "@@sign-off")  # a county officer signs (签发) too
    assert stored(flow, notice)[:2] == ("signed", f"中原教信〔{YEAR}〕1号")
    flow.must("zy_officer", path, "accept")
    flow.must("zy_leader", path, "instruct", "请依法依规办理")
    flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu")
    flow.must("zy_s01_liaison", path, "start_handling")
    liaison = flow.user("zy_s01_liaison")
    for code in ("investigation_report", "handling_opinion"):
        draft(liaison, path, code, TYPED[code])
    report = doc_path(path, draft(liaison, path, "closing_report", TYPED["closing_report"]))
    assert stored(flow, report)[2]["reported_to"] == "中原区教育局"
    head.get(report + "@@check", status=403)  # checked once the opinion is submitted
    flow.must("zy_s01_liaison", path, "submit_opinion")
    confirm(head, report + "@@check")
    confirm(head, report + "@@sign-off")
    assert stored(flow, report)[:2] == ("signed", f"中原教信〔{YEAR}〕1号")
    # the signed report froze the petitioner's name, taken from the case by the head
    assert stored(flow, report)[2]["petitioner_name"] == NAME


def test_who_may_not_draft_or_sign(flow, city_case, draft):
    path, _notice = city_case
    liaison, officer = flow.user("zy_s01_liaison"), flow.user("city_officer")
    liaison.get(path + "@@add-document", {"code": "reply"}, status=403)
    flow.user("js_officer").get(path + "@@add-document", {"code": "closing_report"}, status=403)
    # the office drafts the reply once concluded; a leader who may not see the identity may
    # not sign it (it carries the petitioner's name), the principal leader may
    for code in ("investigation_report", "handling_opinion", "closing_report"):
        draft(liaison, path, code, TYPED[code])
    flow.must("zy_s01_liaison", path, "submit_opinion")
    officer.get(path + "@@add-document", {"code": "closing_report"}, status=403)
    flow.must("jichu_handler", path, "approve_opinion")
    flow.must("city_officer", path, "conclude")
    liaison.get(path + "@@add-document", {"code": "closing_report"}, status=403)
    reply = doc_path(path, draft(officer, path, "reply", TYPED["reply"]))
    refused = confirm(flow.user("city_leader2"), reply + "@@sign-off", status=409)
    assert "载有信访人身份信息，须由有权查看身份信息的人员签发" in refused.text
    assert stored(flow, reply)[0] == "draft"
    confirm(flow.user("city_leader"), reply + "@@sign-off")
    assert stored(flow, reply)[0] == "signed"
