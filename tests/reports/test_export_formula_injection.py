"""Formula injection through risk-ledger and major-event entries (issue 12, item 11): what a
liaison types reaches the exports as inert text (``tests/security/test_formula_injection.py``
covers the writer, case subjects and unit titles)."""

import datetime

from portal.clock import at
from tests.security.formula import xlsx_texts

from .conftest import TODAY

SUBJECT = '=HYPERLINK("http://evil.example/","点击查看")'
PERSON = "@SUM(1+1)"


def test_risk_and_event_entries_are_exported_as_text(user, fields):
    liaison = user("zy_s01_liaison")
    risk = {
        "found_on": TODAY - datetime.timedelta(days=18),
        "subject": SUBJECT,
        "description": "+1+1",
        "headcount": 3,
        "risk_level": "medium",
        "responsible_unit": "-中原区第一中学",
        "responsible_person": PERSON,
        "deadline": TODAY + datetime.timedelta(days=10),
        "measures": "尽快处理。",
        "status": "open",
        "resolved_on": None,
        "family_in_hardship": False,
        "assistance": "",
    }
    data = fields(
        "risk_ledger_entry",
        risk,
        [("csrf_token", liaison.token), ("save", "save"), ("form_token", "0123456789abcdef")],
    )
    liaison.post("/zhongyuan/s01/@@add-risk", data, status=302)
    event = {
        "unit": "中原区第一中学",
        "reporter": "黄静",
        "reporter_phone": "13912345678",
        "event_time": at(TODAY, 9, 30),
        "place": "校门口",
        "headcount": 40,
        "subject": SUBJECT,
        "description": "x",
        "demands": "x",
        "measures_taken": "x",
        "leader_on_site": PERSON,
        "reported_at": at(TODAY, 10),
    }
    data = fields(
        "major_event_report",
        event,
        [("csrf_token", liaison.token), ("file", "file"), ("form_token", "a1b2c3d4e5f60789")],
    )
    liaison.post("/zhongyuan/s01/@@major-event", data, status=302)
    officer = user("zy_officer")
    risks = xlsx_texts(officer.get("/zhongyuan/@@risk-ledger-export").body)
    assert {"'" + SUBJECT, "'" + PERSON, "'-中原区第一中学"} <= set(risks)
    events = xlsx_texts(officer.get("/zhongyuan/@@major-events-export").body)
    assert "'" + SUBJECT in events
