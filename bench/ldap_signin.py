"""Sign-in cost: directory (LDAP, real slapd over loopback) against a local argon2 account.

Run by hand: ``.venv/bin/python bench/ldap_signin.py [--samples 200]``. Both sign-ins go through
the real /login form with WebTest on one app (FileStorage demo database), in the same run, so
the difference is the directory's added cost (search + bind + groups) against argon2's verify.
"""

import argparse
import statistics
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")

from webtest import TestApp  # noqa: E402

from portal.demo.populate import DEMO_PASSWORD  # noqa: E402
from portal.testing.slapd import FIXTURE_USERS, SlapdServer  # noqa: E402
from portal.testing.web import close_app, file_uri, make_app  # noqa: E402


def signin_times(app, login, password, samples):
    times = []
    for _ in range(samples):
        t = TestApp(app)
        form = t.get("/login").forms["login-form"]
        form["login"], form["password"] = login, password
        start = time.perf_counter()
        res = form.submit()
        times.append((time.perf_counter() - start) * 1000)
        assert res.status_int == 302, res.text[:500]
    return times


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    slapd = SlapdServer().start()
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(file_uri(tmp), **{"portal.demo": "true"}, **slapd.settings())
        try:
            ldap_user = FIXTURE_USERS["wangfang"]
            signin_times(app, ldap_user.login, ldap_user.password, 5)  # warm up
            signin_times(app, "zy_officer", DEMO_PASSWORD, 5)
            ldap = signin_times(app, ldap_user.login, ldap_user.password, args.samples)
            local = signin_times(app, "zy_officer", DEMO_PASSWORD, args.samples)
        finally:
            close_app(app)
            slapd.stop()
    print(f"sign-in through /login, {args.samples} samples each (ms)")
    print(f"{'':22}{'p50':>8}{'p95':>8}{'max':>8}")
    for name, values in (("LDAP (slapd loopback)", ldap), ("local (argon2)", local)):
        print(f"{name:22}{pct(values, 50):8.1f}{pct(values, 95):8.1f}{max(values):8.1f}")
    added = statistics.median(ldap) - statistics.median(local)
    print(
        f"added cost of LDAP at p50: {added:+.1f} ms "
        f"(ratio {statistics.median(ldap) / statistics.median(local):.2f})"
    )


if __name__ == "__main__":
    main()
