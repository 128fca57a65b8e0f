"""The same application on a real ZEO server: two app instances share one database."""

import pytest
from webtest import TestApp

from portal.testing.web import close_app, csrf_token, login, make_app


@pytest.fixture
def zeo_uri(zeo_demo):
    return zeo_demo.uri()


def test_two_app_servers_share_one_zeo_database(zeo_uri):
    app1, app2 = make_app(zeo_uri), make_app(zeo_uri)
    try:
        a, b = TestApp(app1), TestApp(app2)
        login(a, "zy_head")
        a.post(
            "/zhongyuan/s02/@@edit-unit",
            {"title": "中原区实验小学（新校区）", "code": "", "save": "1", "csrf_token": csrf_token(a)},
            status=302,
        )
        login(b, "zy_officer")
        assert "中原区实验小学（新校区）" in b.get("/zhongyuan/").text
        b.get("/jinshui/", status=403)
    finally:
        close_app(app1)
        close_app(app2)
