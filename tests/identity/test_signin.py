"""Sign-in with local accounts: one message for bad credentials, throttling, sessions, CSRF."""

import pytest

from portal.identity.views import ADDRESS, PAIR
from portal.testing.web import csrf_token, login

BAD = "用户名或密码错误"


def test_sign_in_and_out(testapp):
    res = login(testapp, "zy_officer")
    assert res.location == "http://localhost/"
    home = res.follow()
    assert "欢迎，刘洋" in home.text and "我的待办" in home.text
    out = testapp.post("/@@logout", {"csrf_token": csrf_token(testapp)}, status=302)
    assert out.location.endswith("/login")
    testapp.get("/zhongyuan/", status=302)


def test_wrong_password_and_unknown_user_get_the_same_answer(testapp):
    wrong = login(testapp, "zy_officer", "wrong-password", status=200)
    unknown = login(testapp, "no_such_user", "wrong-password", status=200)
    assert BAD in wrong.text and BAD in unknown.text
    assert wrong.text.count(BAD) == unknown.text.count(BAD)


def test_session_cookie_is_httponly_and_samesite(testapp):
    res = login(testapp, "zy_officer")
    cookie = [v for k, v in res.headerlist if k == "Set-Cookie" and v.startswith("portal_session=")][-1]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development/testing; production.ini sets session.secure


def test_production_sets_secure_cookie(app_factory):
    from webtest import TestApp

    app = TestApp(app_factory(**{"session.secure": "true"}))
    res = app.get("/login")
    cookie = [v for k, v in res.headerlist if k == "Set-Cookie" and v.startswith("portal_session=")][-1]
    assert "; secure" in cookie.lower()


def test_login_post_without_csrf_is_refused(testapp):
    testapp.get("/login")
    res = testapp.post("/login", {"login": "zy_officer", "password": "Demo-2026-xinfang"}, status=400)
    assert "页面已过期" in res.text
    testapp.get("/zhongyuan/", status=302)


@pytest.mark.parametrize(
    "came_from,expected",
    [
        ("/zhongyuan/", "http://localhost/zhongyuan/"),
        ("https://evil.example/", "http://localhost/"),
        ("//evil.example/", "http://localhost/"),
    ],
)
def test_came_from_stays_on_site(testapp, came_from, expected):
    form = testapp.get("/login", {"came_from": came_from}).forms["login-form"]
    form["login"], form["password"] = "zy_officer", "Demo-2026-xinfang"
    assert form.submit(status=302).location == expected


def test_account_is_throttled_from_the_guessing_address(testapp):
    for _ in range(PAIR.free):
        assert BAD in login(testapp, "zy_officer", "nope", status=200).text
    res = login(testapp, "zy_officer", status=200)  # right password, still locked
    assert "登录失败次数过多" in res.text
    # another account from the same address is not locked yet
    assert login(testapp, "js_officer").status_int == 302


def test_address_is_throttled_across_accounts(app):
    from webtest import TestApp

    attacker = TestApp(app, extra_environ={"REMOTE_ADDR": "10.9.8.7"})
    for i in range(ADDRESS.free):
        login(attacker, f"guess{i}", "nope", status=200)
    assert "登录失败次数过多" in login(attacker, "zy_officer", status=200).text
    other = TestApp(app, extra_environ={"REMOTE_ADDR": "10.9.8.8"})
    assert login(other, "zy_officer").status_int == 302


def test_deactivated_user_loses_access(testapp, app, site_of):
    login(testapp, "zy_officer")
    with site_of(app, commit=True) as site:
        site.users.get("zy_officer").active = False
    testapp.get("/zhongyuan/", status=302)


def test_expired_session_is_ignored(app_factory):
    from webtest import TestApp

    app = TestApp(app_factory(**{"portal.session_max_age": "0"}))
    login(app, "zy_officer")
    app.get("/zhongyuan/", status=302)


def test_passwords_are_argon2_hashed(app, site_of):
    with site_of(app) as site:
        user = site.users.get("admin")
        assert user.password_hash.startswith("$argon2id$")
        assert "Demo-2026" not in user.password_hash
        assert user.check_password("Demo-2026-xinfang") and not user.check_password("x")


def test_copied_cookie_is_void_after_sign_out(app):
    from webtest import TestApp

    a = TestApp(app)
    login(a, "zy_officer")
    stolen = a.cookies["portal_session"]
    out = a.post("/@@logout", {"csrf_token": csrf_token(a)}, status=302).follow()
    assert "您已安全退出" in out.text
    thief = TestApp(app)
    thief.set_cookie("portal_session", stolen)
    thief.get("/zhongyuan/", status=302)
    login(a, "zy_officer")
    assert a.get("/zhongyuan/").status_int == 200
