"""Issue 18, item 3: the ``transition`` view names the permission of the transition posted.

One registration per permission a transition guard names (read from the definitions at
start-up); a user without it gets the portal's 403 page, one with it fires the transition or
reads the engine's refusal on the page; an unknown id, a GET and an object in no workflow are
answered as before (message, 404, 404).
"""

from webtest import TestApp

from portal.testing.web import csrf_token, login

from .conftest import SAMPLE_DIR
from .test_sample_workflow import URL, act, state, wf_app  # noqa: F401 (fixture)


def transition_registrations(registry):
    """``{permission: request methods}`` of the registrations of the ``transition`` view."""
    found = {}
    for item in registry.introspector.get_category("views"):
        intr = item["introspectable"]
        if intr["name"] != "transition":
            continue
        for related in item["related"]:
            if related.category_name == "permissions":
                found[related["value"]] = intr["request_methods"]
    return found


def guard_permissions_of(registry):
    workflows = registry["portal.workflows"].values()
    return {t.guard.permission for wf in workflows for t in wf.transitions.values()}


def test_one_registration_per_guard_permission(app):
    from portal.workflow.views import TRANSITION_PERMISSIONS_KEY

    found = transition_registrations(app.registry)
    assert set(found) == guard_permissions_of(app.registry) == app.registry[TRANSITION_PERMISSIONS_KEY]
    assert "view" not in found and {"accept_case", "conclude_case"} <= set(found)
    assert set(found.values()) == {"POST"}


#: A permission of the portal that no transition guard of ``workflows/`` names.
NEW = "plan_backlog"


def test_a_permission_new_in_a_definition_gets_its_registration(app_factory, tmp_path):
    plain = app_factory()
    assert NEW not in transition_registrations(plain.registry)
    text = (SAMPLE_DIR / "sample.toml").read_text(encoding="utf-8")
    (tmp_path / "sample.toml").write_text(text.replace("review_report", NEW), encoding="utf-8")
    grown = app_factory(**{"portal.extra_workflows_dir": str(tmp_path)})
    assert transition_registrations(grown.registry)[NEW] == "POST"


def test_the_holder_of_the_permission_fires_and_others_get_403(wf_app, site_of):  # noqa: F811
    officer, liaison = TestApp(wf_app), TestApp(wf_app)
    login(officer, "zy_officer")
    login(liaison, "zy_s01_liaison")
    page = officer.post(
        URL + "@@transition", {"transition": "submit", "csrf_token": csrf_token(officer)}, status=403
    )
    assert "无权访问" in page.text
    assert state(site_of, wf_app) == ("draft", 1)
    # the liaison holds ``file_report``: the engine's refusal (a missing document) is on the page
    assert "执行“提交”前须提交以下文件：信访工作月报表" in act(liaison, "submit").text
    assert state(site_of, wf_app) == ("draft", 1)


def test_an_unknown_or_misplaced_transition_is_explained_as_before(wf_app, site_of):  # noqa: F811
    officer = TestApp(wf_app)
    login(officer, "zy_officer")
    assert "流程“示例文书流程”中没有“fly”这一操作" in act(officer, "fly").text
    assert "流程“示例文书流程”中没有“”这一操作" in act(officer, "").text
    # not from the current state (a page left open while the object moved on): the message
    assert "当前状态为“草稿”，不能执行“采纳”" in act(officer, "accept").text
    assert state(site_of, wf_app) == ("draft", 1)


def test_an_unknown_transition_still_needs_the_token_and_sight_of_the_object(wf_app, site_of):  # noqa: F811
    officer = TestApp(wf_app)
    login(officer, "zy_officer")
    page = officer.post(URL + "@@transition", {"transition": "fly"}, status=400)
    assert "页面已过期" in page.text
    stranger = TestApp(wf_app)
    login(stranger, "js_officer")
    page = stranger.post(
        URL + "@@transition", {"transition": "fly", "csrf_token": csrf_token(stranger)}, status=403
    )
    assert "无权访问" in page.text
    assert state(site_of, wf_app) == ("draft", 1)


def test_a_get_and_an_object_in_no_workflow_answer_404(wf_app):  # noqa: F811
    officer = TestApp(wf_app)
    login(officer, "zy_officer")
    assert "页面不存在" in officer.get(URL + "@@transition", status=404).text
    page = officer.post(
        "/zhongyuan/@@transition", {"transition": "submit", "csrf_token": csrf_token(officer)}, status=404
    )
    assert "页面不存在" in page.text
