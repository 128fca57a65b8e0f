"""Fixtures for the notification tests: a real SMTP server on loopback, apps configured to mail
it, and a test object carrying a deadline. ``IN_HOURS`` / ``OUT_OF_HOURS`` are fixed moments of
a working day for tests that pass ``now`` explicitly (or set the portal's ``clock`` to them)."""

import email
import shutil
import socket
from datetime import date
from email.header import decode_header, make_header

import pytest
from persistent.mapping import PersistentMapping

from portal.clock import at
from portal.testing.web import BASE_SETTINGS, close_app, file_uri

IN_HOURS = at(date(2026, 11, 25), 10)  # a Wednesday, 10:00
OUT_OF_HOURS = at(date(2026, 11, 25), 20)  # the same day, 20:00
SENDER = "xinfang@zzedu.example"


class Collector:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content)
        self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": msg})
        return "250 OK"


def subject_of(entry):
    return str(make_header(decode_header(entry["message"]["Subject"])))


def body_of(entry):
    msg = entry["message"]
    part = msg.get_payload(0) if msg.is_multipart() else msg
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    handler = Collector()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    controller.stop()


def mail_settings(port):
    return {
        "mail.host": "127.0.0.1",
        "mail.port": str(port),
        "mail.default_sender": SENDER,
        "notifications.base_url": "https://xinfang.zzedu.example",
    }


def _fail_view(context, request):
    from portal.notifications import notify

    notify(context, [request.identity.userid], "task", "请处理新交办的事项", registry=request.registry)
    raise RuntimeError("the request fails after notifying")


def _ok_view(context, request):
    from pyramid.response import Response

    from portal.notifications import notify

    notify(
        context,
        [request.identity.userid],
        "task",
        "请处理新交办的事项",
        body="信访人张三反映的问题",
        url="/zhongyuan/s01/",
        registry=request.registry,
    )
    return Response("ok")


@pytest.fixture
def mail_app(tmp_path, demo_db_dir, smtp):
    """An app on a copy of the demo database, mailing the loopback server, with two test views
    (``@@test-notify`` commits a notice, ``@@test-notify-fail`` raises after one)."""
    from portal import make_config
    from portal.resources import Site
    from portal.storage.bootstrap import open_site

    target = tmp_path / "maildb"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    settings = dict(BASE_SETTINGS, **{"zodbconn.uri": file_uri(target)}, **mail_settings(smtp.port))
    config = make_config(settings)
    config.add_view(_ok_view, context=Site, name="test-notify", permission="view_home")
    config.add_view(_fail_view, context=Site, name="test-notify-fail", permission="view_home")
    app = config.make_wsgi_app()
    open_site(app.registry._zodb_databases[""], app.registry, app.registry.settings)
    yield app
    close_app(app)


@pytest.fixture
def web(mail_app):
    from webtest import TestApp

    return TestApp(mail_app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})


def set_emails(site, **emails):
    for login, address in emails.items():
        site.users.get(login).email = address


def add_deadline_object(
    site, registry, parent_path=("zhongyuan", "s01"), name="tcase", trigger=date(2026, 9, 1)
):
    """A ``Unit`` child carrying a handling deadline (counted with the site's holiday calendar),
    indexed; returns it."""
    from portal.catalog import index_object
    from portal.deadlines import Deadline
    from portal.resources import Unit
    from portal.time_limits import get_calendar

    parent = site
    for key in parent_path:
        parent = parent[key]
    obj = Unit("测试事项", "school")
    obj.deadlines = PersistentMapping()
    obj.deadlines["handling"] = Deadline("handling", trigger, get_calendar(site), actor="test")
    parent.add(name, obj, registry=registry)
    index_object(obj, site)
    return obj
