"""The notification centre page and the header bell: each user sees and marks only their own."""

from portal.notifications import notify, unread_count
from portal.notifications.centre import notifications_of
from portal.testing.web import csrf_token, login

from .conftest import IN_HOURS


def _notify(app, site_of, userid, title, **kw):
    with site_of(app, commit=True) as site:
        notify(site, [userid], kw.pop("kind", "task"), title, registry=app.registry, now=IN_HOURS, **kw)
    with site_of(app) as site:
        return next(notifications_of(site, userid)).id


def test_empty_state_and_bell_without_notices(testapp):
    login(testapp, "zy_officer")
    res = testapp.get("/@@notifications")
    assert "我的通知" in res.text and "暂无通知" in res.text
    assert 'aria-label="通知（暂无未读）"' in res.text


def test_anonymous_visitors_are_sent_to_sign_in(testapp):
    res = testapp.get("/@@notifications", status=302)
    assert "/login" in res.location


def test_the_bell_shows_the_unread_count_and_links_to_the_centre(testapp, app, site_of):
    _notify(app, site_of, "zy_officer", "请处理新交办的事项")
    _notify(app, site_of, "zy_officer", "期限提醒", kind="deadline_due_soon")
    login(testapp, "zy_officer")
    page = testapp.get("/")
    bell = page.html.select_one("a.notification-bell")
    assert bell["aria-label"] == "通知（2条未读）"
    assert bell["href"] == "http://localhost/@@notifications"
    assert bell.select_one(".notification-count").text == "2"
    centre = page.click(href="@@notifications")
    assert "请处理新交办的事项" in centre.text and "期限即将到期" in centre.text
    assert "通知（共 2 条，未读 2 条）" in centre.text


def test_mark_one_and_all_read(testapp, app, site_of):
    first = _notify(app, site_of, "zy_officer", "第一条", url="/zhongyuan/", body="补充说明")
    _notify(app, site_of, "zy_officer", "第二条")
    login(testapp, "zy_officer")
    res = testapp.get("/@@notifications")
    assert res.html.select_one(f'tr[data-notification-id="{first}"] a')["href"] == "/zhongyuan/"
    form = [f for f in res.forms.values() if f.fields.get("id") and f["id"].value == str(first)][0]
    res = form.submit(status=302).follow()
    assert "已将1条通知标为已读" in res.text
    assert 'aria-label="通知（1条未读）"' in res.text
    with site_of(app) as site:
        assert unread_count(site, "zy_officer") == 1
    res = testapp.post(
        "/@@notifications", {"mark_all": "1", "csrf_token": csrf_token(testapp)}, status=302
    ).follow()
    assert "已将全部通知标为已读（1条）" in res.text and "全部标为已读</button>" not in res.text
    with site_of(app) as site:
        assert unread_count(site, "zy_officer") == 0


def test_marking_needs_the_csrf_token(testapp, app, site_of):
    nid = _notify(app, site_of, "zy_officer", "第一条")
    login(testapp, "zy_officer")
    res = testapp.post("/@@notifications", {"id": str(nid)}, status=400)
    assert "页面已过期" in res.text
    with site_of(app) as site:
        assert unread_count(site, "zy_officer") == 1


def test_a_user_can_neither_read_nor_mark_another_users_notices(testapp, app, site_of):
    nid = _notify(app, site_of, "zy_officer", "中原区的交办事项")
    login(testapp, "js_officer")
    res = testapp.get("/@@notifications")
    assert "中原区的交办事项" not in res.text and "暂无通知" in res.text
    token = csrf_token(testapp)
    res = testapp.post("/@@notifications", {"id": str(nid), "csrf_token": token}, status=302)
    assert "未找到该通知" in res.follow().text
    testapp.post("/@@notifications", {"mark_all": "1", "csrf_token": token}, status=302)
    testapp.post(
        "/@@notifications", {"userid": "zy_officer", "mark_all": "1", "csrf_token": token}, status=302
    )
    with site_of(app) as site:
        assert unread_count(site, "zy_officer") == 1
    login(testapp, "zy_officer")
    assert "中原区的交办事项" in testapp.get("/@@notifications").text


def test_users_without_email_are_told_so(testapp):
    login(testapp, "zy_officer")
    assert "您的账号未登记电子邮箱" in testapp.get("/@@notifications").text


def test_pages_of_fifty(testapp, app, site_of):
    from datetime import timedelta

    with site_of(app, commit=True) as site:
        for i in range(55):
            notify(
                site,
                ["zy_officer"],
                "message",
                f"消息{i:02d}",
                registry=app.registry,
                now=IN_HOURS + timedelta(minutes=i),
            )
    login(testapp, "zy_officer")
    first = testapp.get("/@@notifications")
    assert "消息54" in first.text and "消息04" not in first.text
    assert len(first.html.select("#notification-list tbody tr")) == 50
    second = testapp.get("/@@notifications?page=2")
    assert "消息04" in second.text and "消息54" not in second.text
