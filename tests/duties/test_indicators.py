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
        assert indicators.principal_reception_months(site, zy, 2026, today) == (1, 2)
        assert indicators.leading_group_months(site, zy, 2026, today) == (0, 2)
        # a month under way counts once its duty is done
        assert indicators.principal_reception_months(site, zy, 2026, datetime.date(2026, 11, 20)) == (1, 2)
        # schools hold no reception days: nothing is due of them
        assert indicators.principal_reception_months(site, zy["s01"], 2026, today) == (0, 0)
        assert indicators.meetings_held(site, zy, 2026) == 0
        assert indicators.training_coverage(site, zy, 2026) == (0, 2)


def _figures(page):
    return {
        tr.find_all("td")[0].text: [td.text.strip() for td in tr.find_all("td")[2:]]
        for tr in page.html.select("#computed-figures tbody tr")
    }


def test_the_annual_assessment_scores_reception_days_and_training_from_the_records(
    user, clock, opened, since
):
    from .test_training import file_training

    since("2026-10")
    clock.set(at(datetime.date(2026, 11, 10)))
    officer = user("zy_officer")
    schedule(officer, "/zhongyuan", datetime.date(2026, 11, 12))
    clock.set(at(datetime.date(2026, 11, 12), 12))
    page = officer.get("/zhongyuan/@@reception-day", {"id": day_of(opened)})
    page.forms["day-actions"].submit("action", value="no_visitors")
    file_training(user("city_officer"), "", ["zy_officer"])  # one of the county's two
    # December under way, October missed, November held (one clock for every concern)
    clock.set(at(datetime.date(2026, 12, 2)))
    figures = _figures(user("assessor").get("/zhongyuan/@@assess", {"year": "2026"}))
    assert figures["领导接待日落实率"] == ["1/2", "10", "5.0"]
    assert figures["信访工作人员培训覆盖率"] == ["1/2", "10", "5.0"]
    # a school holds no reception days: full marks; its liaison was not trained
    figures = _figures(officer.get("/zhongyuan/s01/@@assess", {"year": "2026"}))
    assert figures["领导接待日落实率"] == ["无此项工作", "10", "10.0"]
    assert figures["信访工作人员培训覆盖率"] == ["0/1", "10", "0.0"]


def test_the_sweep_carries_the_duties_task(app):
    from portal.escalation.sources import SOURCES_KEY
    from portal.notifications.sweeping import TASKS_KEY

    registry = app.registry
    assert "duties" in registry[TASKS_KEY]
    assert {"leading_group_meeting", "principal_reception", "reception_register", "training_coverage"} <= set(
        registry[SOURCES_KEY]
    )
