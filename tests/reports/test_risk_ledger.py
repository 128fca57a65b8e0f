"""The risk-screening ledger: entries with unit, person, deadline and status; families in
hardship flagged; the roll-up up the tree; the monthly full-screening reminder."""

import datetime
import io

from openpyxl import load_workbook

from portal.clock import at
from portal.reports.reminders import remind_full_screening

from .conftest import MONTH_TITLE, day


def _risk(subject="校车服务合同到期", status="open", hardship=False, deadline=None):
    return {
        "found_on": day(2),
        "subject": subject,
        "description": "合同月底到期，尚未续签。",
        "headcount": 300,
        "risk_level": "medium",
        "responsible_unit": "中原区第一中学",
        "responsible_person": "周某",
        "deadline": deadline or day(28),
        "measures": "尽快招标续签。",
        "status": status,
        "resolved_on": day(14) if status == "resolved" else None,
        "family_in_hardship": hardship,
        "assistance": "申请交通补助。" if hardship else "",
    }


def _add(t, fields, path, values, token="0123456789abcdef", status=302):
    data = fields(
        "risk_ledger_entry", values, [("csrf_token", t.token), ("save", "save"), ("form_token", token)]
    )
    return t.post(f"{path}/@@add-risk", data, status=status)


def test_entries_roll_up_and_export(app, user, fields, add_liaison):
    add_liaison("zy_s02_liaison", "/zhongyuan/s02")
    s01, s02 = user("zy_s01_liaison"), user("zy_s02_liaison")
    _add(s01, fields, "/zhongyuan/s01", _risk(hardship=True))
    _add(s01, fields, "/zhongyuan/s01", _risk(hardship=True))  # resubmitted: not twice
    _add(s01, fields, "/zhongyuan/s01", _risk("食堂承包纠纷", deadline=day(10)), token="1123456789abcdef")
    _add(s02, fields, "/zhongyuan/s02", _risk("校舍维修", status="resolved"))
    officer = user("zy_officer")
    page = officer.get("/zhongyuan/@@risk-ledger")
    assert page.text.count("困难家庭</span>") == 1
    assert "已超期" in page.text  # 食堂承包纠纷 was due on the 10th
    hardship = officer.get("/zhongyuan/@@risk-ledger?hardship=1")
    assert "食堂承包纠纷" not in hardship.text and "校车服务合同到期" in hardship.text
    wb = load_workbook(io.BytesIO(officer.get("/zhongyuan/@@risk-ledger-export").body))
    rows = [[c.value for c in r] for r in wb["排查台账"].iter_rows()]
    assert len(rows) == 1 + 3
    summary = {r[0]: r[1:] for r in [[c.value for c in r] for r in wb["汇总"].iter_rows()][1:]}
    assert summary["中原区第一中学"] == [2, 2, 0, 0, 1, 1]
    assert summary["中原区实验小学"] == [1, 0, 0, 1, 0, 0]
    assert summary["合计"] == [3, 2, 0, 1, 1, 1]
    city = user("city_officer").get("/@@risk-ledger")
    assert "中原区教育局" in city.text  # the city's roll-up is by county


def test_updating_status_and_refusals(app, site_of, user, fields):
    s01 = user("zy_s01_liaison")
    _add(s01, fields, "/zhongyuan/s01", _risk())
    doc = "/zhongyuan/s01/doc-0001"
    data = fields(
        "risk_ledger_entry", _risk(status="resolved"), [("csrf_token", s01.token), ("save", "save")]
    )
    s01.post(f"{doc}/@@edit-risk", data, status=302)
    assert "已化解" in s01.get("/zhongyuan/s01/@@risk-ledger").text
    officer = user("zy_officer")
    officer.get(f"{doc}/@@edit-risk", status=403)  # the county reads, the school keeps it
    _add(user("js_s01_liaison"), fields, "/zhongyuan/s01", _risk(), status=403)
    user("js_officer").get("/zhongyuan/@@risk-ledger", status=403)
    assert "校车" not in user("js_officer").get("/jinshui/@@risk-ledger").text


def test_monthly_full_screening_reminder_once_a_month(app, site_of, pushed, inbox):
    when = at(day(1), 8)
    with site_of(app, commit=True) as site:
        first = remind_full_screening(site, app.registry, when)
        again = remind_full_screening(site, app.registry, when + datetime.timedelta(days=3))
    assert first >= 4 and again == 0
    assert inbox("zy_s01_liaison") == [f"请开展{MONTH_TITLE}矛盾隐患全面排查并更新排查台账"]
    assert len(inbox("zy_officer")) == 1 and inbox("city_officer") == []
