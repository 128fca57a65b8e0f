"""How long an oversized form takes to be refused (issue 12, item 14).

Run by hand, never by the test suite::

    .venv/bin/python bench/request_limits.py            # 10,000 representatives, and 6

Builds the demo on a FileStorage in a temporary directory, signs in as the Zhongyuan petition
officer and posts the registration form with ``--items`` representatives (refused at the front
since item 14), then with 6 (the form's own "at most 5" answer); prints status, time and size.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import warnings
from urllib.parse import urlencode

warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fields(token, count):
    out = [
        ("csrf_token", token),
        ("__formid__", "portal-form"),
        ("channel", "visit"),
        ("name", "张三"),
        ("phone", "13900001111"),
        ("headcount", "2"),
        ("is_group", "true"),
        ("subject", "反映收费问题"),
        ("problem", "收费"),
        ("demands", "退费"),
        ("__start__", "representatives:sequence"),
    ]
    for i in range(count):
        out += [
            ("__start__", "item:mapping"),
            ("name", f"代表{i}"),
            ("id_number", ""),
            ("phone", ""),
            ("address", ""),
            ("__end__", "item:mapping"),
        ]
    return out + [("__end__", "representatives:sequence"), ("save", "save")]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args(argv)
    from webtest import TestApp

    from portal.testing.web import close_app, csrf_token, file_uri, login, make_app

    base = tempfile.mkdtemp(prefix="request-limits-")
    try:
        app = make_app(file_uri(base), **{"portal.demo": "true"})
        t = TestApp(app)
        login(t, "zy_officer")
        token = csrf_token(t)
        for count in (args.items, 6):
            body = urlencode(fields(token, count)).encode()
            started = time.perf_counter()
            res = t.post(
                "/zhongyuan/@@register-case",
                body,
                expect_errors=True,
                content_type="application/x-www-form-urlencoded",
            )
            took = time.perf_counter() - started
            print(
                f"{count:>6} representatives ({len(body) / 1024:.0f} KB posted): "
                f"{res.status_int} in {took * 1000:.0f} ms, answer {len(res.body) / 1024:.0f} KB"
            )
        close_app(app)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
