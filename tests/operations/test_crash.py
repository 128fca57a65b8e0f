"""Crash safety: the portal runs as a real process (pserve + waitress on a loopback port); it is
killed with SIGKILL in the middle of a stream of registrations and monthly filings through the
real pages; after a restart every write that was acknowledged (answered with its redirect) is
there, and the storage check (fstest) finds the FileStorage clean."""

import http.client
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import types
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import bs4
import pytest
import webtest.forms

from portal.demo.populate import DEMO_PASSWORD
from portal.testing.slapd import free_port
from portal.testing.web import document_form_fields, file_uri

KILL_AFTER = 4  # acknowledged writes before the kill is sent


class Client:
    """A browser in miniature over http.client: one cookie, forms read with WebTest's parser."""

    def __init__(self, port):
        self.port, self.cookie = port, None

    def request(self, method, path, fields=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)  # a busy CI machine
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            res = conn.getresponse()
            text = res.read().decode("utf-8", "replace")
        finally:
            conn.close()
        cookie = res.getheader("Set-Cookie")
        if cookie and cookie.startswith("portal_session="):
            self.cookie = cookie.split(";")[0]
        return res.status, res.getheader("Location"), text

    def form(self, path, form_id):
        status, _location, text = self.request("GET", path)
        assert status == 200, (path, status)
        page = types.SimpleNamespace(html=bs4.BeautifulSoup(text, "html.parser"))
        forms = {f.id: f for f in (webtest.forms.Form(page, str(tag)) for tag in page.html.find_all("form"))}
        return forms[form_id]

    def login(self, name):
        form = self.form("/login", "login-form")
        form["login"], form["password"] = name, DEMO_PASSWORD
        status, _location, _text = self.request("POST", "/login", form.submit_fields())
        assert status == 302


def registration_fields(client):
    """The registration form as submitted, with ``{i}`` where each write puts its number."""
    form = client.form("/zhongyuan/@@register-case?channel=visit", "portal-form")
    form["name"], form["id_number"], form["phone"], form["address"] = "崩溃测试{i}", "", "", ""
    form["headcount"] = "1"
    form["subject"] = "崩溃测试登记第{i}号"
    form["problem"] = "学校以资料费名义收取费用。"
    form["demands"] = "要求退还。"
    return form.submit_fields("save") + [("confirm_new", "1")]


def filing_fields(month, token):
    from tests.reports.conftest import monthly_values

    values = monthly_values(month=month)
    values["reported_on"] = date(int(month[:4]), int(month[5:]), 20)
    return document_form_fields("monthly_report", values, [("csrf_token", token), ("submit", "submit")])


class Portal:
    """pserve on an ini of its own; ``kill()`` sends SIGKILL, ``start()`` starts it again."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.ini = directory.parent / "crash.ini"
        self.ini.write_text(
            "[app:main]\nuse = egg:zz-petition-portal\n"
            f"zodbconn.uri = {file_uri(directory)}\n"
            "session.secret = crash-test-3f9c1a7be24d4c0f8a6e5b19d2c7f30a91\n"
            "session.secure = false\nportal.auto_evolve = true\nretry.attempts = 5\n"
            "portal.precompile_templates = false\n"
            "ldap.enabled = false\n\n[server:main]\nuse = egg:waitress#main\n"
            f"listen = 127.0.0.1:{self.port}\nthreads = 4\n"
        )
        self.proc = None

    def start(self, timeout=900):
        """Start pserve and wait until /@@health answers 200 (or the process ends: its log says
        why). The limit only stops a hung start; on a busy machine a start takes minutes."""
        pserve = Path(sys.executable).with_name("pserve")
        self.log = self.ini.with_suffix(".log")
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen([str(pserve), str(self.ini)], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline and self.proc.poll() is None:
            try:
                if Client(self.port).request("GET", "/@@health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the portal did not start:\n" + self.log.read_text(errors="replace")[-3000:])

    def kill(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)


def test_every_acknowledged_write_survives_a_sigkill(tmp_path, demo_db_dir):
    directory = tmp_path / "db"
    shutil.copytree(demo_db_dir, directory, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    portal = Portal(directory)
    portal.start()
    try:
        officer, liaison = Client(portal.port), Client(portal.port)
        officer.login("city_officer")
        liaison.login("zy_s01_liaison")
        # the forms are read before the stream, so every write is one POST
        template = registration_fields(officer)
        token = liaison.form("/zhongyuan/s01/@@monthly-report?month=2026-01", "portal-form")[
            "csrf_token"
        ].value
        prepared = []
        for i in range(12):
            if i % 3 == 2:
                month = f"2026-{i // 3 + 1:02d}"
                prepared.append(
                    (
                        "filing",
                        month,
                        liaison,
                        f"/zhongyuan/s01/@@monthly-report?month={month}",
                        filing_fields(month, token),
                    )
                )
            else:
                prepared.append(
                    (
                        "registration",
                        f"崩溃测试登记第{i}号",
                        officer,
                        "/zhongyuan/@@register-case",
                        [(k, v.replace("{i}", str(i))) for k, v in template],
                    )
                )
        acknowledged, lost = [], []
        enough = threading.Event()  # set at KILL_AFTER acknowledged writes: the kill comes then

        def stream():
            for kind, key, client, path, fields in prepared:
                try:
                    status, location, _text = client.request("POST", path, fields)
                except OSError:
                    lost.append(key)  # not acknowledged: the process died under it
                    continue
                if status == 302 and location:
                    acknowledged.append((kind, key, urlsplit(location).path))
                    if len(acknowledged) >= KILL_AFTER:
                        enough.set()
                else:
                    lost.append(key)

        writer = threading.Thread(target=stream)
        writer.start()
        enough.wait(timeout=1800)  # only a hung portal takes that long
        portal.kill()
        writer.join()  # every request after the kill fails at once (connection refused)
        assert len(acknowledged) >= KILL_AFTER and lost, (acknowledged, lost)

        portal.start()
        reader = Client(portal.port)
        reader.login("city_officer")
        for kind, key, path in acknowledged:
            if kind == "registration":
                status, _location, text = reader.request("GET", path)
                assert status == 200 and key in text, (key, path, status)
        portal.stop()
    finally:
        portal.stop()
    # the storage itself: fstest is clean, and every filing acknowledged is stored and submitted
    from ZODB.scripts import fstest

    fstest.check(str(directory / "Data.fs"))
    _check_filings(directory, [key for kind, key, _p in acknowledged if kind == "filing"])


def _check_filings(directory, months):
    from ZODB import DB
    from zodburi import resolve_uri

    factory, kw = resolve_uri(file_uri(directory))
    db = DB(factory(), **kw)
    try:
        unit = db.open().root()["portal"]["zhongyuan"]["s01"]
        for month in months:
            assert unit[f"report-{month}"].workflow_state == "submitted", month
    finally:
        db.close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY"):
        monkeypatch.delenv(name, raising=False)
