"""Benchmark of a case's document pages: what disclosing, masking and the document rules cost.

Run by hand, never by the test suite::

    .venv/bin/python bench/documents.py                 # about a minute
    .venv/bin/python bench/documents.py --samples 50 --pdf-samples 3

On a copy of the demo (built in a temporary directory through the real application), the city
registers a case (whose problem names the petitioner), signs the acceptance notice, accepts it,
the city's leader instructs, the city assigns it to a school; the school drafts its closing
report. Then, in-process through
WebTest, it times for the school liaison (masked) and for the city officer (in full, audited,
``no-store``): the case page (with its 办理所需文书 panel), a document page, its print page and
its PDF; the add-document form (filled from the case); and, without the web, ``disclose`` and
the masking of a problem text. Each measured response is checked (masked or not), so the
numbers are of real work.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from org_tree import Timings, check, say  # noqa: E402
from webtest import TestApp  # noqa: E402

from portal.testing.web import close_app, csrf_token, file_uri, login, make_app  # noqa: E402

NAME = "慕容雪晴"
PETITIONER = {
    "name": NAME,
    "id_number": "410102198806153729",
    "phone": "13755552468",
    "address": "郑州市中原区伏牛路168号院2号楼",
}


def _form(t, url, values):
    form = t.get(url).forms["portal-form"]
    current = kind = None
    for name, field in form.field_order:
        if name == "__start__":
            current, _s, kind = field.value.partition(":")
            continue
        if name == "__end__":
            current = kind = None
            continue
        key = current if current and (name in ("date", "time") or kind == "rename") else name
        if key in values:
            field.value = values[key]
    return form


def build(app, today):
    officer, liaison = TestApp(app), TestApp(app)
    login(officer, "city_officer")
    login(liaison, "zy_s01_liaison")
    form = officer.get("/@@register-case", {"channel": "visit"}).forms["portal-form"]
    for key, value in PETITIONER.items():
        form[key] = value
    form["headcount"] = "1"
    form["subject"] = "反映学校违规收取资料费"
    form["problem"] = f"我是{NAME}，电话{PETITIONER['phone']}。学校收取资料费每人300元。"
    form["demands"] = "要求退费。"
    case = form.submit("save").location.replace("http://localhost", "")
    res = _form(
        officer,
        case + "@@add-document?code=acceptance_notice",
        {
            "issued_on": today,
            "time_limit_days": "60",
            "contact_phone": "0371-67000001",
            "accepted_on": today,
            "handling_unit": "中原区第一中学",
        },
    ).submit("save")
    notice = res.location.replace("http://localhost", "")
    officer.post(notice + "@@sign-off", {"confirm": "1", "csrf_token": csrf_token(officer)})
    officer.post(case + "@@transition", {"transition": "accept", "csrf_token": csrf_token(officer)})
    leader = TestApp(app)
    login(leader, "city_leader")
    leader.post(
        case + "@@transition",
        {"transition": "instruct", "comment": "请办理", "csrf_token": csrf_token(leader)},
    )
    form = officer.get(case + "@@assign").forms["portal-form"]
    form["target"] = "/zhongyuan/s01"
    form["reviewing"] = "/jichu"
    form.set("date", f"{today[:4]}-12-31", index=1)
    form["requirements"] = "查实反馈"
    form["contact_person"] = "李晓燕"
    form["contact_phone"] = "0371-67000001"
    form.submit("save")
    liaison.post(case + "@@transition", {"transition": "start_handling", "csrf_token": csrf_token(liaison)})
    res = _form(
        liaison,
        case + "@@add-document?code=closing_report",
        {
            "concluded_on": today,
            "facts": f"约谈{NAME}，反映属实。",
            "result": "已退费",
            "petitioner_response": "满意",
            "unit_leader": "周校长",
            "reported_on": today,
        },
    ).submit("save")
    return officer, liaison, case, res.location.replace("http://localhost", "")


def timed(T, name, fn, samples):
    for _ in range(samples):
        start = time.perf_counter()
        fn()
        T.add(name, time.perf_counter() - start)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--samples", type=int, default=100)
    p.add_argument("--pdf-samples", type=int, default=5)
    args = p.parse_args(argv)
    from datetime import datetime
    from zoneinfo import ZoneInfo

    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    tmp = tempfile.mkdtemp(prefix="bench-documents-")
    wall = time.perf_counter()
    try:
        app = make_app(file_uri(tmp), **{"portal.demo": "true"})
        officer, liaison, case, report = build(app, today)
        T = Timings()

        def masked(url):
            res = liaison.get(url)
            check(NAME not in res.text, f"{url} shows the name to the liaison")

        def full(url):
            res = officer.get(url)
            check(
                NAME in res.text and res.headers["Cache-Control"] == "no-store",
                f"{url} does not disclose to the officer",
            )

        timed(T, "case-liaison", lambda: masked(case), args.samples)
        timed(T, "case-officer", lambda: officer.get(case), args.samples)
        timed(T, "doc-liaison", lambda: masked(report), args.samples)
        timed(T, "doc-officer", lambda: full(report), args.samples)
        timed(T, "print-liaison", lambda: masked(report + "@@print"), args.samples)
        timed(
            T,
            "form-liaison",
            lambda: liaison.get(case + "@@add-document", {"code": "handling_opinion"}),
            args.samples,
        )
        timed(T, "pdf-liaison", lambda: liaison.get(report + "@@pdf"), args.pdf_samples)

        from pyramid.threadlocal import manager
        from pyramid.traversal import find_resource

        from portal.cases.masking import mask_in_text

        conn = app.registry._zodb_databases[""].open()
        manager.push({"registry": app.registry, "request": None})
        try:
            c = find_resource(conn.root()["portal"], case)
            people = c.identity.people()
            timed(T, "mask-text", lambda: mask_in_text(c.problem * 10, people), args.samples * 10)
            timed(T, "case-text", c.searchable_text, args.samples * 10)
        finally:
            manager.pop()
            conn.close()
        conn = app.registry._zodb_databases[""].open()
        audits = len(conn.root()["portal"].identity_audit)
        conn.close()

        say("Case documents, in-process (WebTest), one case on the demo tree")
        for name, label in (
            ("case-liaison", "case page, school liaison (masked)"),
            ("case-officer", "case page, city officer"),
            ("doc-liaison", "closing report page, liaison (masked)"),
            ("doc-officer", "closing report page, officer (audited)"),
            ("print-liaison", "print page, liaison"),
            ("form-liaison", "add handling opinion form (prefilled)"),
            ("pdf-liaison", "PDF, liaison"),
            ("mask-text", "mask_in_text, 10x a problem text"),
            ("case-text", "Case.searchable_text (masked)"),
        ):
            say(T.line(name, label))
        say(f"  audit entries written: {audits} (one per disclosed page)")
        say(f"  wall time {time.perf_counter() - wall:.1f} s, load average {os.getloadavg()[0]:.2f}")
        close_app(app)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
