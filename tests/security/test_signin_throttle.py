"""Attack classes: lock-out (a stranger locking an administrator out) and enumeration (telling
existing local accounts from unknown names by the answer or its timing).

Sign-in failures are throttled per (login, address) and per address with growing delays
(``portal.security.throttle``), in the process, never in the database; every sign-in that
reaches the sources verifies exactly one password, whether the account exists or not.
"""

import pytest
from webtest import TestApp

from portal.identity import passwords
from portal.identity.views import PAIR
from portal.security.throttle import Backoff, Throttle, Window, wait_text
from portal.testing.web import login

BAD = "用户名或密码错误"
LOCKED = "登录失败次数过多"


def from_address(app, address):
    return TestApp(app, extra_environ={"REMOTE_ADDR": address})


def test_a_stranger_cannot_lock_the_administrator_out(app):
    for i in range(10):  # 50 wrong passwords from 10 addresses
        stranger = from_address(app, f"203.0.113.{i + 1}")
        for _ in range(PAIR.free):
            assert BAD in login(stranger, "admin", "guess", status=200).text
        assert LOCKED in login(stranger, "admin", status=200).text  # the guesser waits
    admin = from_address(app, "10.0.0.1")
    assert login(admin, "admin").status_int == 302


def test_the_guesser_waits_longer_after_each_failure(app):
    clock = FakeClock()
    app.registry.portal_throttle.clock = clock
    t = from_address(app, "203.0.113.50")
    for _ in range(PAIR.free):
        login(t, "admin", "guess", status=200)
    assert "请30秒后再试" in login(t, "admin", status=200).text
    clock.now += 30
    assert BAD in login(t, "admin", "guess", status=200).text
    assert "请1分钟后再试" in login(t, "admin", status=200).text
    clock.now += 60
    login(t, "admin", "guess", status=200)
    assert "请2分钟后再试" in login(t, "admin", status=200).text
    clock.now += 120
    assert login(t, "admin").status_int == 302  # the right password, once the delay passed


def test_failed_sign_ins_write_nothing_to_the_database(app):
    db = app.registry._zodb_databases[""]
    t = from_address(app, "203.0.113.60")
    t.get("/login")
    before = db.lastTransaction()
    for i in range(30):
        login(t, f"user{i % 3}", "guess", status=200)
    assert db.lastTransaction() == before


@pytest.mark.parametrize("name", ["zy_officer", "no_such_person", "ZY_OFFICER"])
def test_every_sign_in_verifies_exactly_one_password(testapp, monkeypatch, name):
    """Known and unknown names cost the same: one argon2 verification each (no timing leak)."""
    calls = []
    real = passwords.verify
    monkeypatch.setattr(passwords, "verify", lambda *a: calls.append(1) or real(*a))
    assert BAD in login(testapp, name, "wrong-password", status=200).text
    assert len(calls) == 1


def test_a_directory_profile_name_costs_the_same(app, site_of, monkeypatch):
    """A name held by a directory profile (no local password) is verified like any other."""
    import transaction

    from portal.identity.users import User

    with site_of(app, commit=True) as site:
        site.users.add(User("wangfang", "王芳", source="ldap"))
    calls = []
    real = passwords.verify
    monkeypatch.setattr(passwords, "verify", lambda *a: calls.append(1) or real(*a))
    t = from_address(app, "10.0.0.9")
    assert BAD in login(t, "wangfang", "anything", status=200).text
    assert len(calls) == 1
    transaction.abort()


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_backoff_doubles_up_to_its_cap_and_a_quiet_key_starts_afresh():
    clock = FakeClock()
    throttle = Throttle(clock=clock)
    rule = Backoff(free=3, first_delay=10, max_delay=60, forget_after=300)
    checks = [(("k",), rule)]
    waits = []
    for _ in range(7):
        assert throttle.wait(checks) == 0
        throttle.fail(checks)
        waits.append(throttle.wait(checks))
        clock.now += waits[-1]
    assert waits == [0, 0, 10, 20, 40, 60, 60]
    clock.now += 300
    throttle.fail(checks)
    assert throttle.wait(checks) == 0  # forgotten after a quiet period: free attempts again


def test_window_allows_limit_events_per_window():
    clock = FakeClock()
    throttle = Throttle(clock=clock)
    checks = [(("w",), Window(limit=3, window=100))]
    for _ in range(3):
        assert throttle.wait(checks) == 0
        throttle.fail(checks)
    assert throttle.wait(checks) == 100
    clock.now += 100
    assert throttle.wait(checks) == 0


def test_state_is_bounded_and_expires():
    clock = FakeClock()
    throttle = Throttle(capacity=100, clock=clock)
    rule = Backoff(free=5, first_delay=1, max_delay=1, forget_after=60)
    for i in range(1000):
        throttle.fail([(("k", i), rule)])
    assert len(throttle) == 100
    clock.now += 61
    throttle.fail([(("fresh",), rule)])
    assert len(throttle) == 1


@pytest.mark.parametrize(
    "seconds,text",
    [(0.2, "1秒"), (30, "30秒"), (59.5, "1分钟"), (60, "1分钟"), (61, "2分钟"), (900, "15分钟")],
)
def test_wait_is_told_in_chinese(seconds, text):
    assert wait_text(seconds) == text
