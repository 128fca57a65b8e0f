"""Issue 14, part B, on cases: leaders' instructions fed back and major matters handed up
(第四章第二节), case ownership reported by the units involved (第四章第三节), joint review and
department review where the regulation names them (第五章第一节④⑤)."""

import datetime

from pyramid.traversal import find_resource

from portal.testing.web import csrf_token


def _todo(flow, login):
    page = flow.user(login).get("/")
    table = page.html.find(id="duty-todo")
    return table.text if table is not None else ""


def _post(flow, login, path, view, status=302, **data):
    t = flow.user(login)
    return t.post(path + "@@" + view, dict(data, csrf_token=csrf_token(t)), status=status)


# -- 第四章第二节 -----------------------------------------------------------------------------


def test_an_instruction_is_tracked_until_its_result_is_fed_back(flow):
    path = flow.instructed()  # city_leader instructs
    assert "批示待反馈" in _todo(flow, "city_leader")
    page = flow.user("city_officer").get(path)
    assert "待反馈" in page.html.find(id="instructions").text
    # a leader who only reads the case does not report back; the handling office does
    _post(flow, "city_leader2", path, "instruction-feedback", status=403, result="已办")
    _post(flow, "city_officer", path, "instruction-feedback", result="已交办中原区第一中学，正在核查")
    assert any(t.startswith("批示办理结果反馈：信访事项") for t in flow.notices("city_leader"))
    assert "批示待反馈" not in _todo(flow, "city_leader")
    assert "已反馈" in flow.user("city_officer").get(path).html.find(id="instructions").text
    # nothing left to feed back
    res = _post(flow, "city_officer", path, "instruction-feedback", result="再次").follow()
    assert "没有待反馈的领导批示" in res.text


def test_step_26_puts_the_instructions_still_waiting_back_on_the_leaders_todo(flow):
    """A database from before step 26 kept no keys of the instructions waiting: the leader's
    批示待反馈 was read by walking all their instructions. The step fills the keys."""
    from pyramid.traversal import find_root

    from portal.duties.evolution import step_26_pending_instructions

    path = flow.instructed()

    def forget_the_keys(case):
        store = find_root(case).duties
        store.pending_instructions.clear()
        return len(store.instructions)

    assert flow.case(path, forget_the_keys) >= 1
    assert "批示待反馈" not in _todo(flow, "city_leader")
    assert flow.case(path, lambda case: step_26_pending_instructions(find_root(case))) == {"pending": 1}
    assert "批示待反馈" in _todo(flow, "city_leader")


def test_the_leaders_still_waiting_are_told_when_the_case_is_concluded(flow, app):
    from types import SimpleNamespace

    from portal.duties import instructions

    path = flow.instructed()

    def conclude(case):
        event = SimpleNamespace(
            object=case,
            transition=SimpleNamespace(id="conclude"),
            actor="city_officer",
            comment="已退还费用",
            request=None,
            when=datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC),
        )
        instructions.on_transition(event)
        return [i.pending for i in instructions.instructions_of(case)]

    assert flow.case(path, conclude) == [False]
    assert any(t.startswith("批示办理结果反馈") for t in flow.notices("city_leader"))


def test_a_major_matter_is_handed_up_with_one_action(flow):
    path = flow.register("zy_officer", "/zhongyuan", channel="letter")
    _post(flow, "js_officer", path, "raise-up", status=403, note="无关单位")
    # roles that never hand a case up are refused by the view's permission (raise_case)
    _post(flow, "zy_jichu_handler", path, "raise-up", status=403, note="业务处室")
    _post(flow, "assessor", path, "raise-up", status=403, note="考评")
    res = _post(flow, "zy_officer", path, "raise-up", note="来信反映可能引发群体上访").follow()
    assert "已报上级" in res.text
    assert any(
        t.startswith("下级上报重大事项：信访事项") and "中原区教育局" in t
        for t in flow.notices("city_officer")
    )
    assert "阅知上报事项" in _todo(flow, "city_officer")
    page = flow.user("city_officer").get(path)  # the city sees it (above)
    assert "待上级阅知" in page.html.find(id="raised").text
    _post(flow, "zy_officer", path, "acknowledge-raised", status=403)
    _post(flow, "assessor", path, "acknowledge-raised", status=403)
    _post(flow, "city_officer", path, "acknowledge-raised")
    assert "阅知上报事项" not in _todo(flow, "city_officer")
    assert "上级已阅知" in flow.user("zy_officer").get(path).html.find(id="raised").text
    # the city has no education bureau above it to hand up to
    city = flow.register(confirm_new=True)
    res = _post(flow, "city_officer", city, "raise-up", note="重大").follow()
    assert "本单位已是最高一级" in res.text


def test_step_27_puts_the_matters_raised_back_on_the_todo_above(flow):
    """A database from before step 27 kept no keys of the matters waiting to be acknowledged:
    the bureau above read its 阅知上报事项 by walking every matter raised. The step fills them."""
    from pyramid.traversal import find_root

    from portal.duties.evolution import step_27_raised_matters_waiting

    path = flow.register("zy_officer", "/zhongyuan", channel="letter")
    _post(flow, "zy_officer", path, "raise-up", note="来信反映可能引发群体上访")

    def forget_the_keys(case):
        find_root(case).duties.raised_waiting.clear()

    flow.case(path, forget_the_keys)
    assert "阅知上报事项" not in _todo(flow, "city_officer")
    assert flow.case(path, lambda case: step_27_raised_matters_waiting(find_root(case))) == {"waiting": 1}
    assert "阅知上报事项" in _todo(flow, "city_officer")
    _post(flow, "city_officer", path, "acknowledge-raised")
    assert "阅知上报事项" not in _todo(flow, "city_officer")


# -- 第四章第三节 -----------------------------------------------------------------------------


def _assigned(flow):
    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan/s01", "/jichu")
    return path


def test_ownership_tells_the_units_involved_and_warns_them_of_the_five_days(flow, app, site_of):
    from portal.notifications.sweep import sweep

    path = _assigned(flow)
    _post(flow, "city_leader", path, "take-ownership")
    assert any("领导包案" in t for t in flow.notices("zy_s01_liaison"))
    with site_of(app) as site:
        due = find_resource(site, path).deadlines["ownership_report"].due.due_date
    from pyramid.threadlocal import manager

    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            sweep(
                site,
                app.registry,
                datetime.datetime.combine(
                    due - datetime.timedelta(days=1),
                    datetime.time(10),
                    datetime.timezone(datetime.timedelta(hours=8)),
                ),
            )
    finally:
        manager.pop()
    for login in ("city_leader", "zy_s01_liaison"):
        assert any("包案" in t and "即将到期" in t for t in flow.notices(login)), login
    # the owner's page lists each owned case with its reports
    owned = flow.user("city_leader").get("/@@owned-cases")
    assert "尚未报告" in owned.text
    flow.docs(path, "ownership_report", actor="zy_s01_liaison")
    owned = flow.user("city_leader").get("/@@owned-cases")
    row = owned.html.find("tr", attrs={"data-case": True})
    assert "尚未报告" not in row.text and "包案情况报告" in row.text


# -- 第五章第一节④⑤ ----------------------------------------------------------------------------


def _to_opinion(flow, path):
    flow.must("zy_s01_liaison", path, "start_handling")
    flow.docs(path, "investigation_report", "handling_opinion", actor="zy_s01_liaison")


def test_a_hard_case_needs_its_joint_review_minutes_before_the_opinion(flow):
    path = _assigned(flow)
    _post(flow, "city_leader", path, "take-ownership")  # a leader owns it: hard case
    page = flow.user("city_officer").get(path)
    assert "领导包案的疑难复杂事项" in page.html.find(id="joint-review").text
    _to_opinion(flow, path)
    flow.refused("zy_s01_liaison", path, "submit_opinion")
    flow.docs(path, "joint_review_minutes", actor="city_officer")
    flow.must("zy_s01_liaison", path, "submit_opinion")


def test_a_plain_case_needs_no_joint_review_but_always_the_department_review(flow):
    path = _assigned(flow)
    assert flow.user("city_officer").get(path).html.find(id="joint-review") is None
    _to_opinion(flow, path)
    flow.must("zy_s01_liaison", path, "submit_opinion")
    # ⑤ only the business department named at assignment reviews the opinion
    flow.refused("zy_s01_liaison", path, "approve_opinion")
    flow.refused("city_officer", path, "conclude")
    flow.must("jichu_handler", path, "approve_opinion")
