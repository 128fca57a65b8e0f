"""Demo reception days (领导接访日): days past (one held without visitors, one still to be
registered) and days coming, at the city and in both demo counties.

Scheduled with ``schedule_day`` as the unit's petition staff do on the schedule page. A day in
the past was scheduled before it came: its scheduling runs with the portal's clock set back to
that moment (:func:`portal.demo.acting.back_then`), so the schedule's own rule (no day in the
past) holds as it did then.
"""

from datetime import timedelta

from pyramid.traversal import find_resource

from portal import clock

from .acting import back_then

# unit, days from today, leader, post, field, who schedules, what happened (past days)
DAYS = (
    ("/zhongyuan", -6, "zy_leader", "局长", "全面工作", "zy_officer", "no_visitors"),
    ("/zhongyuan", -1, "zy_deputy", "副局长", "基础教育、招生入学", "zy_officer", ""),
    ("/zhongyuan", 3, "zy_leader", "局长", "全面工作", "zy_officer", ""),
    ("/zhongyuan", 8, "zy_deputy", "副局长", "基础教育、招生入学", "zy_officer", ""),
    ("/jinshui", 5, "js_leader", "局长", "全面工作", "js_officer", ""),
    ("/", 2, "city_leader", "局长", "全面工作", "city_officer", ""),
    ("/", 9, "city_deputy", "副局长", "信访稳定、安全工作", "city_officer", ""),
)
PLACES = {
    "/": "市教育局一楼信访接待室",
    "/zhongyuan": "中原区教育局信访接待室",
    "/jinshui": "金水区教育局信访接待室",
}


def schedule_reception_days(cast):
    from portal.duties.receptions.register import confirm_no_visitors
    from portal.duties.receptions.schedule import schedule_day

    today = clock.today()
    for path, offset, leader, post, field, scheduler, outcome in DAYS:
        unit = find_resource(cast.site, path)
        on = today + timedelta(days=offset)
        planned = clock.at(min(on, today) - timedelta(days=7), 9)
        with back_then(planned):
            day = schedule_day(
                unit, on, "09:00", "11:30", PLACES[path], leader, post, field, scheduler,
                registry=cast.registry, when=planned,
            )  # fmt: skip
        if outcome == "no_visitors":
            confirm_no_visitors(unit, day, scheduler, when=clock.at(on, 12))
