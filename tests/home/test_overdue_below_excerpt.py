"""The home page's 下级逾期 excerpt puts the cases of the units below first: a county officer
whose schools have many late standing duties (reception days, instructions, ...) still sees
the late cases there, and the link to the full list."""

from datetime import timedelta

from pyramid.threadlocal import manager
from webtest import TestApp

from portal.escalation.store import Escalation, install_store
from portal.testing.web import login


def _escalation(source, key, days_late, today, now, label):
    return Escalation(
        source=source,
        item_key=key,
        level=1,
        label=label,
        late_unit="/zhongyuan/s01",
        late_unit_title="中原区第一中学",
        due=today - timedelta(days=days_late),
        url="",
        target="/zhongyuan",
        target_title="中原区教育局",
        leader=None,
        raised_at=now,
        recipients=(),
    )


def test_late_cases_are_not_crowded_out_by_late_duties(app, site_of, clock):
    today, now = clock.today(), clock.now()
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            store = install_store(site)
            for i in range(25):  # standing duties, each later than the case
                store.add(
                    _escalation("reception_register", f"day{i}", 40 + i, today, now, f"接访日登记{i:02d}")
                )
            store.add(
                _escalation("case_deadline", "case1", 3, today, now, "信访事项 郑教信〔演示〕0001 办理期限")
            )
    finally:
        manager.pop()
    t = TestApp(app)
    login(t, "zy_officer")
    table = t.get("/").html.find(id="todo-overdue-below")
    text = table.get_text(" ", strip=True)
    assert "郑教信〔演示〕0001" in text
    rows = table.find("tbody").find_all("tr")
    assert len(rows) <= 20
    assert "郑教信〔演示〕0001" in rows[0].get_text()  # the case first
    assert "接访日登记24" in rows[1].get_text()  # then the duties, most overdue first
