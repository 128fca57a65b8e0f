"""The counts the annual assessment reads (portal.duties.indicators), and the sweep script
carrying the duties' task."""
import datetime

from .conftest import at
from .test_receptions import day_of, schedule


def test_counts_for_the_annual_assessment(user, clock, opened, since):
    from portal.duties import indicators
    since("2026-10")
    clock.set(at(datetime.date(2026, 11, 10)))
    officer = user("zy_officer")
    schedule(officer, "/zhongyuan", datetime.date(2026, 11, 12))
    clock.set(at(datetime.date(2026, 11, 12), 12))
    page = officer.get("/zhongyuan/@@reception-day", {"id": day_of(opened)})
    page.forms["day-actions"].submit("action", value="no_visitors")
    clock.set(at(datetime.date(2026, 12, 2)))
    with opened() as site:
        zy, js = site["zhongyuan"], site["jinshui"]
        today = datetime.date(2026, 12, 2)
        assert indicators.reception_days_held(site, zy, 2026) == 1
        assert indicators.reception_days_held(site, js, 2026) == 0
        # October, November judged (December is under way: not met yet)
        assert indicators.principal_reception_months(site, zy, 2026, today) == (1, 3)
        assert indicators.leading_group_months(site, zy, 2026, today) == (0, 3)
        assert indicators.meetings_held(site, zy, 2026) == 0
        assert indicators.training_coverage(site, zy, 2026) == (0, 2)


def test_the_sweep_script_registry_carries_the_duties_task():
    from portal.escalation.sources import SOURCES_KEY
    from portal.notifications.sweep import build_registry
    from portal.notifications.sweeping import TASKS_KEY
    registry = build_registry({})
    assert "duties" in registry[TASKS_KEY]
    assert {"leading_group_meeting", "principal_reception", "reception_register",
            "training_coverage"} <= set(registry[SOURCES_KEY])
