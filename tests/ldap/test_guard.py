"""A directory that accepts TCP and never answers must not hold the portal (issue 12, item 5).

Short timeouts by default, a circuit breaker that fails fast while the directory is down (no
connection is even attempted), and a cap on concurrent directory operations so the rest of the
portal keeps answering. Behaviour is checked, not durations: connections counted on a silent
server, refusals while the cap is held, a public page answering meanwhile.
"""

import threading
import time

import pytest
from webtest import TestApp

from portal.ldap import Directory, DirectoryUnavailable
from portal.ldap.errors import DirectoryBusy, DirectoryDown
from portal.ldap.guard import DirectoryGuard
from portal.ldap.settings import DirectorySettings
from portal.testing.slapd import FIXTURE_USERS
from portal.testing.web import login

UNAVAILABLE = "统一身份认证服务暂时无法连接"
BUSY = "统一身份认证服务繁忙"


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_timeouts_are_short_by_default(settings):
    s = DirectorySettings.from_settings({k: v for k, v in settings().items() if "timeout" not in k})
    assert s.connect_timeout <= 3 and s.receive_timeout <= 5


def test_open_breaker_attempts_no_connection(settings, counting_silent):
    directory = Directory(
        settings(
            {
                "ldap.uris": counting_silent.uri,
                "ldap.receive_timeout": "1",
                "ldap.connect_timeout": "1",
                "ldap.breaker_threshold": "2",
                "ldap.breaker_cooldown": "30",
            }
        )
    )
    clock = directory.guard.clock = Clock()
    for expected in (1, 2):
        with pytest.raises(DirectoryUnavailable) as info:
            directory.authenticate("zhangwei", "Zhangwei-Pa55")
        assert not isinstance(info.value, DirectoryDown)
        assert counting_silent.accepted == expected
    for _ in range(5):  # open: every call fails at once, nothing connects
        with pytest.raises(DirectoryDown):
            directory.authenticate("zhangwei", "Zhangwei-Pa55")
        with pytest.raises(DirectoryDown):
            directory.lookup("zhangwei")
    assert counting_silent.accepted == 2
    clock.now += 30  # cooldown over: one trial goes to the server, fails, the breaker reopens
    with pytest.raises(DirectoryUnavailable):
        directory.authenticate("zhangwei", "Zhangwei-Pa55")
    assert counting_silent.accepted == 3
    with pytest.raises(DirectoryDown):
        directory.authenticate("zhangwei", "Zhangwei-Pa55")
    assert counting_silent.accepted == 3


def test_a_successful_trial_or_connection_test_closes_the_breaker(settings, slapd):
    directory = Directory(settings())
    clock = directory.guard.clock = Clock()
    guard = directory.guard
    for _ in range(guard.threshold):
        with pytest.raises(DirectoryUnavailable), guard.call():
            raise DirectoryUnavailable([], "simulated")
    with pytest.raises(DirectoryDown):
        directory.lookup("lina")
    assert directory.test_connection().ok  # the administrators' test goes through
    assert directory.lookup("lina").display_name == "李娜"
    for _ in range(guard.threshold):
        with pytest.raises(DirectoryUnavailable), guard.call():
            raise DirectoryUnavailable([], "simulated")
    clock.now += guard.cooldown
    assert directory.lookup("lina").display_name == "李娜"  # the trial
    assert not guard.is_open


def test_only_one_trial_at_a_time_while_half_open():
    guard = DirectoryGuard(max_concurrent=4, threshold=1, cooldown=10, clock=Clock())
    with pytest.raises(DirectoryUnavailable), guard.call():
        raise DirectoryUnavailable([], "simulated")
    guard.clock.now += 10
    with guard.call():  # the trial, in flight
        with pytest.raises(DirectoryDown), guard.call():
            pass
    assert not guard.is_open


def test_cap_refuses_at_once_beyond_max_concurrent():
    guard = DirectoryGuard(max_concurrent=2)
    with guard.call(), guard.call():
        with pytest.raises(DirectoryBusy), guard.call():
            pass
    with guard.call():  # slots are given back
        pass


def test_sign_in_at_the_cap_is_refused_while_the_portal_keeps_answering(app_factory, slapd, counting_silent):
    app = app_factory(
        **slapd.settings(
            {
                "ldap.uris": counting_silent.uri,
                "ldap.connect_timeout": "1",
                "ldap.receive_timeout": "8",
                "ldap.max_concurrent": "2",
            }
        )
    )
    guard = app.registry.portal_directory.guard
    person = FIXTURE_USERS["wangfang"]
    answers = []

    def stuck(i):
        t = TestApp(app, extra_environ={"REMOTE_ADDR": f"10.1.1.{i}"})
        answers.append(login(t, person.login, person.password, status=200).text)

    threads = [threading.Thread(target=stuck, args=(i,)) for i in (1, 2)]
    for thread in threads:
        thread.start()
    for _ in range(1000):  # synchronisation only (at most ~10 s): wait until both hold a slot
        if guard.in_flight >= 2:
            break
        time.sleep(0.01)
    assert guard.in_flight == 2
    third = TestApp(app, extra_environ={"REMOTE_ADDR": "10.1.1.3"})
    refused = login(third, person.login, person.password, status=200)
    assert BUSY in refused.text
    assert guard.in_flight == 2  # refused at once: the third never waited for a slot
    assert "信访" in third.get("/public/").text
    assert login(third, "admin").status_int == 302  # local accounts are not affected
    for thread in threads:
        thread.join()
    assert all(UNAVAILABLE in a for a in answers)
    assert counting_silent.accepted == 2


def test_with_the_breaker_open_sign_in_answers_without_asking_the_directory(
    app_factory, slapd, counting_silent
):
    app = app_factory(
        **slapd.settings(
            {"ldap.uris": counting_silent.uri, "ldap.connect_timeout": "1", "ldap.receive_timeout": "1"}
        )
    )
    t = TestApp(app)
    person = FIXTURE_USERS["wangfang"]
    for _ in range(2):
        assert UNAVAILABLE in login(t, person.login, person.password, status=200).text
    assert counting_silent.accepted == 2
    for _ in range(3):
        assert UNAVAILABLE in login(t, person.login, person.password, status=200).text
    assert counting_silent.accepted == 2
    assert login(t, "admin").status_int == 302
