"""第四章第四节: every member of staff records a first contact from their to-do page; a matter
outside their remit is handed over to the right unit in the same step; hand-overs not taken up
in time are failures the petition office sees and that climb the tree."""

import datetime

from .conftest import at, choose

DAY = datetime.date(2026, 11, 16)


def record(t, unit=None, within=True, action="handled", hand_to="", status=302):
    page = t.get("/").click(href="@@first-contact")
    form = page.forms["portal-form"]
    if unit:
        form["unit"] = unit
    form["date"] = DAY.isoformat()
    form["visitor_name"] = "王某"
    form["visitor_phone"] = "13800001111"
    form["matter"] = "咨询孩子转学手续"
    form["within_remit"] = within
    choose(form, action)
    form["result"] = "已告知办理程序"
    form["hand_to"].force_value(hand_to)
    return form.submit("save", status=status)


def _contacts(opened):
    with opened() as site:
        return list(site.duties.first_contacts.values())


def test_a_school_liaison_records_a_first_contact_with_their_own_name_and_unit(user, clock, opened):
    clock.set(at(DAY))
    liaison = user("zy_s01_liaison")
    page = record(liaison).follow()
    assert "已登记首问" in page.text
    [contact] = _contacts(opened)
    with opened() as site:
        doc = site["zhongyuan"]["s01"][contact.document]
        assert doc.code == "first_contact"
        assert doc.appstruct["staff_name"] == "黄静"
        assert doc.appstruct["staff_department"] == "中原区第一中学"
    # a petition officer may also use the generic document form: it is on the ledger too
    officer = user("zy_officer")
    form = officer.get("/zhongyuan/@@add-document", {"code": "first_contact"}).forms["portal-form"]
    form["date"] = DAY.isoformat()
    form["staff_name"] = "刘洋"
    form["staff_department"] = "信访科"
    form["matter"] = "咨询招生政策"
    form["within_remit"] = True
    choose(form, "handled")
    form["result"] = "已答复"
    form.submit("save", status=302)
    ledger = officer.get("/zhongyuan/@@first-contacts").html.find(id="first-contacts").text
    assert "刘洋" in ledger and "黄静" in ledger


def test_outside_the_remit_it_is_handed_over_and_taken_up_as_a_case(user, clock, opened, inbox):
    clock.set(at(DAY))
    handler = user("jichu_handler")  # 基础教育处 (a city department)
    page = record(handler, within=False, action="referred", hand_to="/zhongyuan").follow()
    assert "并已移交中原区教育局" in page.text
    assert any(t.startswith("首问移交：基础教育处转来") for t in inbox("zy_officer"))
    officer = user("zy_officer")
    assert "受理首问移交" in officer.get("/").html.find(id="duty-todo").text
    # only the receiving bureau's petition staff take it up
    [contact] = _contacts(opened)
    t = user("js_officer")
    t.post("/@@take-up-first-contact", {"csrf_token": t.token, "id": contact.id}, status=403)
    received = officer.get("/@@first-contacts-received")
    case_page = (
        received.forms[[k for k, f in received.forms.items() if "id" in f.fields][0]].submit().follow()
    )
    assert "已受理，登记为信访事项" in case_page.text
    [contact] = _contacts(opened)
    with opened() as site:
        from pyramid.traversal import find_resource

        case = find_resource(site, contact.case_path)
        assert case.registering_unit == "/zhongyuan" and "首问移交：基础教育处" in case.remarks
    assert any(t.startswith("首问移交已受理") for t in inbox("jichu_handler"))
    assert "受理首问移交" not in officer.get("/").text  # taken up: off the to-do


def test_a_handover_waits_on_the_receiving_bureaus_todo_only(user, clock):
    clock.set(at(DAY))
    record(user("jichu_handler"), within=False, action="referred", hand_to="/zhongyuan")
    assert "受理首问移交" in user("zy_officer").get("/").text
    assert "受理首问移交" not in user("js_officer").get("/").text
    assert "受理首问移交" not in user("city_officer").get("/").text


def test_step_28_puts_the_handovers_waiting_back_on_the_todo(user, clock, opened):
    """A database from before step 28 kept no keys of the hand-overs waiting: the receiving
    bureau's 我的待办 walked every first contact. The step fills them."""
    from portal.duties.evolution import step_28_handovers_waiting

    clock.set(at(DAY))
    record(user("jichu_handler"), within=False, action="referred", hand_to="/zhongyuan")
    with opened(commit=True) as site:
        site.duties.handovers_waiting.clear()
    assert "受理首问移交" not in user("zy_officer").get("/").text
    with opened(commit=True) as site:
        assert step_28_handovers_waiting(site) == {"waiting": 1}
    assert "受理首问移交" in user("zy_officer").get("/").text


def test_a_referral_needs_the_unit_it_goes_to(user, clock, opened):
    clock.set(at(DAY))
    page = record(user("zy_s01_liaison"), within=False, action="referred", status=200)
    assert "告知并联系承办部门的，须选择承办单位" in page.text
    assert _contacts(opened) == []


def test_a_handover_not_taken_up_in_five_days_is_a_failure_seen_above(user, clock, sweep, since, inbox):
    since("2026-11")
    clock.set(at(DAY))
    record(user("zy_s01_liaison"), within=False, action="referred", hand_to="/jinshui")
    sweep(at(DAY + datetime.timedelta(days=5)))
    assert not any("首问移交事项" in t for t in inbox("city_officer"))
    sweep(at(DAY + datetime.timedelta(days=6)))
    assert any(t.startswith("下级逾期：金水区教育局 首问移交事项") for t in inbox("city_officer"))
    ledger = user("js_officer").get("/jinshui/@@first-contacts", {"status": "overdue"})
    assert "移交逾期未受理" in ledger.html.find(id="first-contacts").text
    city = user("city_officer").get("/@@first-contacts")
    assert "中原区第一中学" in city.html.find(id="first-contacts").text
    user("zy_s01_liaison").get("/zhongyuan/@@first-contacts", status=403)
