"""A case's documents through the pages, as the people involved work: the responsible unit
drafts (and corrects when returned), the unit above checks and signs, the petition office
signs what goes to the petitioner, archiving waits for signed versions -- at city and county
level. Who may not is refused; a refused step names the document and the unit that must
supply it, with a link for whoever can."""
import datetime
from zoneinfo import ZoneInfo

import pytest
from pyramid.traversal import find_resource
from webtest import TestApp

from portal.testing.web import csrf_token, login
from tests.cases.conftest import PETITIONER, _assign, _register
from tests.documents.conftest import fill_form

TODAY = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
YEAR = TODAY[:4]
NAME = PETITIONER["name"]

#: What a drafter types into each document: only what the case cannot know.
TYPED = {
    "acceptance_notice": {"issued_on": TODAY, "time_limit_days": "60",
                          "contact_phone": "0371-67000001",
                          # not known yet when the notice is written before accepting
                          "accepted_on": TODAY, "handling_unit": "中原区第一中学"},
    "investigation_report": {"investigators": "王老师、李老师", "facts": "经查，资料费系学校自行收取。",
                             "basis": "《中小学收费管理办法》", "handling": "已责令学校全额退费。",
                             "unit_leader": "周校长", "reported_on": TODAY},
    "handling_opinion": {"issued_on": TODAY, "facts": "学校收取资料费无依据。",
                         "basis": "《中小学收费管理办法》", "opinion": "全额退还所收费用。",
                         "stability_measures": "班主任逐一回访家长。"},
    "closing_report": {"concluded_on": TODAY, "facts": "经查属实。", "result": "已全额退费。",
                       "petitioner_response": "满意", "unit_leader": "周校长",
                       "reported_on": TODAY},
    "reply": {"addressee_kind": "petitioner", "content": "经查，学校已全额退还资料费。",
              "delivery": "post", "replied_on": TODAY},
    "satisfaction_rating": {"rating": "satisfied", "rated_on": TODAY},
}


def path_of(res):
    return res.location.replace("http://localhost", "")


def person(app, login_name):
    t = TestApp(app, extra_environ={"REMOTE_ADDR": "10.0.0.8"})
    login(t, login_name)
    return t


def act(t, path, transition, comment=""):
    return t.post(path + "@@transition", {"transition": transition, "comment": comment,
                                          "csrf_token": csrf_token(t)}, status=302).follow()


def confirm(t, url, status=302):
    return t.post(url, {"confirm": "1", "csrf_token": csrf_token(t)}, status=status)


def doc_path(case_path, res):
    path = path_of(res)
    assert path.startswith(case_path + "doc-"), path
    return path


def state(app, site_of, path):
    with site_of(app) as site:
        return find_resource(site, path).workflow_state


def stored(app, site_of, path):
    with site_of(app) as site:
        doc = find_resource(site, path)
        return doc.state, doc.number, dict(doc.appstruct), doc.checked_by


@pytest.fixture
def city_case(app, draft):
    """A city case accepted with a signed acceptance notice and assigned to the school."""
    officer = person(app, "city_officer")
    path = path_of(_register(officer))
    notice = doc_path(path, draft(officer, path, "acceptance_notice", TYPED["acceptance_notice"]))
    confirm(officer, notice + "@@sign-off")
    act(officer, path, "accept")
    _assign(officer, path)
    liaison = person(app, "zy_s01_liaison")
    act(liaison, path, "start_handling")
    return path, officer, liaison, notice


def test_the_school_drafts_without_being_asked_for_the_identity(app, site_of, city_case, draft):
    path, officer, liaison, _notice = city_case
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
    status, number, values, _checked = stored(app, site_of, report)
    assert status == "draft" and number is None
    assert values["subject"] == "反映某中学违规收费问题" and values["reported_to"] == "郑州市教育局"
    assert values["responsible_unit"] == "中原区第一中学" and "petitioner_name" not in values
    shown = liaison.get(report)
    assert "张**" in shown.text and NAME not in shown.text
    assert "信访人身份信息已隐去" in shown.text and "no-store" not in shown.headers.get(
        "Cache-Control", "")
    full = officer.get(report)
    assert NAME in full.text and full.headers["Cache-Control"] == "no-store"
    with site_of(app) as site:
        entry = site.identity_audit.entries(1)[0]
        assert (entry.userid, entry.case_path, entry.view) == ("city_officer", report.rstrip("/"),
                                                             "文书页面")


def test_the_closing_report_can_follow_the_opinion_and_the_refusal_says_who(
        app, site_of, city_case, draft):
    path, officer, liaison, _notice = city_case
    draft(liaison, path, "investigation_report", TYPED["investigation_report"])
    draft(liaison, path, "handling_opinion", TYPED["handling_opinion"])
    act(liaison, path, "submit_opinion")
    assert state(app, site_of, path) == "opinion_submitted"
    refused = act(officer, path, "conclude")
    message = refused.html.select_one(".alert-danger")
    assert "执行“办结”前，“结案报告”须由承办单位（中原区第一中学）起草" in message.text
    assert message.select("a") == []  # the office cannot write the school's report
    # the school sees what is waiting for it, with the link, once the opinion is submitted
    case_page = liaison.get(path)
    needed = case_page.html.select_one(".case-requirements")
    assert "“结案报告”须由承办单位（中原区第一中学）起草" in needed.text
    link = needed.find("a", string="立即填写")["href"]
    form = liaison.get(link).forms["portal-form"]
    fill_form(form, TYPED["closing_report"]).submit("save", status=302)
    act(officer, path, "conclude")
    assert state(app, site_of, path) == "concluded"


def test_check_return_correct_sign_reply_and_archive_at_city_level(app, site_of, city_case,
                                                                   draft):
    path, officer, liaison, notice = city_case
    assert stored(app, site_of, notice)[1] == f"郑教信〔{YEAR}〕1号"
    docs = {code: doc_path(path, draft(liaison, path, code, TYPED[code]))
            for code in ("investigation_report", "handling_opinion", "closing_report")}
    # the school may not check or sign its own reports
    liaison.get(docs["closing_report"] + "@@check", status=403)
    liaison.get(docs["closing_report"] + "@@sign-off", status=403)
    act(liaison, path, "submit_opinion")
    # the unit above checks and signs; signing comes after checking
    page = officer.get(docs["investigation_report"] + "@@sign-off", status=409)
    assert "须先经审核，才能签发" in page.text
    confirm(officer, docs["investigation_report"] + "@@check")
    confirm(officer, docs["investigation_report"] + "@@sign-off")
    assert stored(app, site_of, docs["investigation_report"])[1] == f"郑教信〔{YEAR}〕1号"
    confirm(officer, docs["handling_opinion"] + "@@check")
    # returned: the school corrects the signed report (a new version) and edits a draft
    act(officer, path, "reject_opinion", "请补充退费凭证")
    assert state(app, site_of, path) == "handling"
    res = confirm(liaison, docs["investigation_report"] + "@@correct")
    corrected = path_of(res).replace("@@edit", "")
    form = liaison.get(corrected + "@@edit").forms["portal-form"]
    fill_form(form, {"handling": "已全额退费，凭证附后。"}).submit("save", status=302)
    form = liaison.get(docs["handling_opinion"] + "@@edit").forms["portal-form"]
    fill_form(form, {"opinion": "全额退还所收费用，并向家长致歉。"}).submit("save", status=302)
    assert stored(app, site_of, docs["handling_opinion"])[3] is None  # the edit undid the check
    act(liaison, path, "submit_opinion")
    for doc in (corrected, docs["handling_opinion"], docs["closing_report"]):
        confirm(officer, doc + "@@check")
    for doc in (corrected, docs["handling_opinion"]):
        confirm(officer, doc + "@@sign-off")
    numbers = {stored(app, site_of, d)[1] for d in (corrected, docs["handling_opinion"])}
    assert numbers == {f"郑教信〔{YEAR}〕2号", f"郑教信〔{YEAR}〕1号"}
    act(officer, path, "conclude")

    # the reply: the office writes only the answer; the name comes from the case at sign-off
    page = officer.get(path + "@@add-document", {"code": "reply"})
    assert "petitioner_name" not in page.forms["portal-form"].fields
    reply = doc_path(path, draft(officer, path, "reply", TYPED["reply"]))
    assert "petitioner_name" not in stored(app, site_of, reply)[2]
    confirm(officer, reply + "@@sign-off")
    status, number, values, _c = stored(app, site_of, reply)
    assert (status, number, values["petitioner_name"]) == ("signed", f"郑教信〔{YEAR}〕1号", NAME)
    act(officer, path, "reply")
    draft(officer, path, "satisfaction_rating", TYPED["satisfaction_rating"])
    act(officer, path, "rate")

    # archiving waits for the signed closing report and says who signs it, with the link
    refused = act(officer, path, "archive").html.select_one(".alert-danger")
    assert ("执行“归档”前，“结案报告”须由交办单位信访处（科）或领导（郑州市教育局）签发"
            in refused.text)
    assert refused.find("a")["href"].endswith(docs["closing_report"] + "@@sign-off")
    assert state(app, site_of, path) == "rated"
    confirm(officer, docs["closing_report"] + "@@sign-off")
    act(officer, path, "archive")
    assert state(app, site_of, path) == "archived"


def test_county_documents_are_signed_by_the_county_with_its_number(app, site_of, draft):
    officer, head = person(app, "zy_officer"), person(app, "zy_head")
    path = path_of(_register(officer, unit="/zhongyuan/"))
    notice = doc_path(path, draft(officer, path, "acceptance_notice", TYPED["acceptance_notice"]))
    for other in ("city_officer", "zy_s01_liaison", "js_officer"):
        t = person(app, other)
        t.post(notice + "@@sign-off", {"confirm": "1", "csrf_token": csrf_token(t)}, status=403)
    confirm(officer, notice + "@@sign-off")  # a county officer signs (签发) too
    assert stored(app, site_of, notice)[:2] == ("signed", f"中原教信〔{YEAR}〕1号")
    act(officer, path, "accept")
    _assign(officer, path)
    liaison = person(app, "zy_s01_liaison")
    act(liaison, path, "start_handling")
    for code in ("investigation_report", "handling_opinion"):
        draft(liaison, path, code, TYPED[code])
    report = doc_path(path, draft(liaison, path, "closing_report", TYPED["closing_report"]))
    assert stored(app, site_of, report)[2]["reported_to"] == "中原区教育局"
    head.get(report + "@@check", status=403)  # checked once the opinion is submitted
    act(liaison, path, "submit_opinion")
    confirm(head, report + "@@check")
    confirm(head, report + "@@sign-off")
    assert stored(app, site_of, report)[:2] == ("signed", f"中原教信〔{YEAR}〕1号")
    # the signed report froze the petitioner's name, taken from the case by the head
    assert stored(app, site_of, report)[2]["petitioner_name"] == NAME


def test_who_may_not_draft_or_sign(app, site_of, city_case, draft):
    path, officer, liaison, _notice = city_case
    liaison.get(path + "@@add-document", {"code": "reply"}, status=403)
    other = person(app, "js_officer")
    other.get(path + "@@add-document", {"code": "closing_report"}, status=403)
    # the office drafts the reply once concluded; a leader who may not see the identity may
    # not sign it (it carries the petitioner's name), the principal leader may
    for code in ("investigation_report", "handling_opinion", "closing_report"):
        draft(liaison, path, code, TYPED[code])
    act(liaison, path, "submit_opinion")
    officer.get(path + "@@add-document", {"code": "closing_report"}, status=403)
    act(officer, path, "conclude")
    liaison.get(path + "@@add-document", {"code": "closing_report"}, status=403)
    reply = doc_path(path, draft(officer, path, "reply", TYPED["reply"]))
    leader = person(app, "city_leader2")
    refused = confirm(leader, reply + "@@sign-off", status=409)
    assert "载有信访人身份信息，须由有权查看身份信息的人员签发" in refused.text
    assert stored(app, site_of, reply)[0] == "draft"
    confirm(person(app, "city_leader"), reply + "@@sign-off")
    assert stored(app, site_of, reply)[0] == "signed"
