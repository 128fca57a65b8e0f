"""The monthly report across New Year: December's report, filed in January, is late against its
own due day; January's report is due on the 25th counted in the new year's holiday calendar."""

from datetime import date, timedelta

from pyramid.traversal import find_resource

from portal.clock import at
from portal.reports.dashboard import due_date
from portal.reports.months import month_key
from portal.time_limits import get_calendar

from .conftest import TODAY

YEAR = TODAY.year
DECEMBER = f"{YEAR}-12"
JANUARY = f"{YEAR + 1}-01"


def _off_rest_days(calendar, day):
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def test_december_report_filed_in_january_is_late_and_january_counts_in_the_new_year(
    app, site_of, user, file_monthly, clock
):
    clock.set(at(date(YEAR + 1, 1, 4), 9))
    liaison = user("zy_s01_liaison")
    form = liaison.get("/zhongyuan/s01/@@monthly-report")
    assert month_key(date(YEAR + 1, 1, 1)) == JANUARY and JANUARY in form.text
    assert f'value="{DECEMBER}"' in form.text  # last year's December may still be filed
    file_monthly(liaison, "/zhongyuan/s01", month=DECEMBER)
    with site_of(app) as site:
        report = find_resource(site, f"/zhongyuan/s01/report-{DECEMBER}")
        assert report.late is True and report.filed_at.year == YEAR + 1
        assert report.monthly_deadline.due.due_date == _off_rest_days(get_calendar(site), date(YEAR, 12, 25))
        january = due_date(site, JANUARY)
        assert january == _off_rest_days(get_calendar(site), date(YEAR + 1, 1, 25))
    board = user("zy_officer").get(f"/zhongyuan/@@reports-dashboard?month={DECEMBER}")
    assert "逾期" in board.text
    board = user("zy_officer").get(f"/zhongyuan/@@reports-dashboard?month={JANUARY}")
    assert january.isoformat() in board.text
