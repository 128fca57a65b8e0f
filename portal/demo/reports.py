"""Demo reports: monthly reports of the last months (on time, late, returned, waiting for
review), a sensitive period with its daily zero reports, and the risk-screening ledger.

Filed by the schools' liaisons and reviewed by their county's petition staff through the
functions the report pages call (``save_report``, ``transition``, ``declare_period``,
``file_zero_report``, ``add_risk``), acting as those accounts; dated from today.
"""

from datetime import timedelta

from portal import clock

# school path -> (liaison, county officer who reviews, liaison's name and phone)
SCHOOLS = {
    "/zhongyuan/s01": ("zy_s01_liaison", "zy_officer", "黄静", "0371-67001101"),
    "/jinshui/s01": ("js_s01_liaison", "js_officer", "何丽", "0371-63001101"),
}
# what happened to each school's report, oldest month first (three months before this one)
FATES = {
    "/zhongyuan/s01": ("on_time", "late", "returned"),
    "/jinshui/s01": ("on_time", "on_time", "waiting"),
}
RISKS = (
    ("/zhongyuan/s01", "部分家长对学区调整方案有异议", "high", "in_progress", False),
    ("/zhongyuan/s01", "退休教师反映医疗费报销慢", "medium", "open", True),
    ("/jinshui/s01", "校外培训机构退费纠纷", "medium", "resolved", False),
    ("/jinshui/s01", "食堂承包合同到期交接", "low", "open", False),
)


def monthly_values(unit, month, reporter, phone, reported_on, risks=1):
    return {
        "unit": unit.title,
        "reporter": reporter,
        "reporter_phone": phone,
        "month": month,
        "level_skipping": [],
        "risks": [
            {
                "subject": "学区调整引发家长集体反映",
                "headcount": 30,
                "destination": "city",
                "measures": "召开家长会解释政策，逐户走访。",
                "responsible_person": "周建华",
            }
        ][:risks],
        "major_cases": [],
        "incidents": [],
        "other_matters": "无",
        "unit_leader": "周建华",
        "reported_on": reported_on,
    }


def file_monthly_reports(cast):
    """Three months of reports for each school in :data:`SCHOOLS`, fates as in :data:`FATES`."""
    from pyramid.traversal import find_resource

    from portal.reports.monthly import save_report, transition
    from portal.reports.months import first_day, month_key, previous_months

    this_month = first_day(month_key(clock.today()))
    last = month_key(this_month - timedelta(days=1))
    months = list(reversed(previous_months(last, 3)))
    for path, (liaison, officer, name, phone) in SCHOOLS.items():
        unit = find_resource(cast.site, path)
        for month, fate in zip(months, FATES[path], strict=True):
            # a month's report is due on its 25th (limit monthly_report, moved off rest days):
            # on time on the 20th, late on the 3rd of the month after
            start = first_day(month)
            after = first_day(month_key(start + timedelta(days=31)))
            filed = after + timedelta(days=2) if fate == "late" else start + timedelta(days=19)
            when = min(clock.at(filed, 9), clock.now() - timedelta(hours=3))
            values = monthly_values(unit, month, name, phone, clock.as_date(when))
            result = save_report(unit, month, values, cast[liaison], submit=True, when=when)
            reviewed = min(when + timedelta(days=1), clock.now() - timedelta(hours=1))
            if fate == "returned":
                transition(
                    result.report, "return", cast[officer], officer, "请补充隐患的稳控措施和责任人", reviewed
                )
            elif fate != "waiting":
                transition(result.report, "accept", cast[officer], officer, when=reviewed)


def declare_sensitive_period(cast):
    """A sensitive period that began three days ago, over the two demo counties, with each
    school's zero reports of the days past: on time, late, and one with something to report."""
    from pyramid.traversal import find_resource

    from portal.reports.periods import declare_period, file_zero_report

    today = clock.today()
    start = today - timedelta(days=3)
    period = declare_period(
        cast.site,
        "重要会议期间信访稳定重点时期",
        start,
        today + timedelta(days=10),
        {"/zhongyuan", "/jinshui"},
        10,
        "city_officer",
        when=clock.at(start - timedelta(days=2), 9),
    )
    for path, (liaison, _officer, name, phone) in SCHOOLS.items():
        unit = find_resource(cast.site, path)
        for n in range(3):
            day = start + timedelta(days=n)
            late = path == "/zhongyuan/s01" and n == 1
            items = n == 2 and path == "/jinshui/s01"
            values = {
                "unit": unit.title,
                "reporter": name,
                "reporter_phone": phone,
                "report_date": day,
                "kind": "items" if items else "nothing",
                "items": [
                    {
                        "subject": "部分家长拟到区教育局反映校车线路调整",
                        "headcount": 12,
                        "description": "家长对新线路接送时间有意见。",
                        "measures": "学校已约家长代表面谈，调整接送时间。",
                    }
                ]
                if items
                else [],
            }
            when = clock.at(day, 15 if late else 8)
            file_zero_report(unit, period, day, values, cast[liaison], when=when)
    return period


def screen_risks(cast):
    """The schools' risk-screening ledger: open, in progress and resolved entries, one family in
    hardship."""
    from pyramid.traversal import find_resource

    from portal.reports.risks import add_risk

    today = clock.today()
    for i, (path, subject, level, status, hardship) in enumerate(RISKS):
        unit = find_resource(cast.site, path)
        liaison, _officer, name, _phone = SCHOOLS[path]
        values = {
            "found_on": today - timedelta(days=20 - i),
            "subject": subject,
            "description": f"{subject}，经排查登记，已明确责任人跟进。",
            "headcount": 5 + 10 * i,
            "risk_level": level,
            "responsible_unit": unit.title,
            "responsible_person": name,
            "deadline": today + timedelta(days=15 + i),
            "measures": "专人负责，定期回访，及时报告进展。",
            "status": status,
            "resolved_on": today - timedelta(days=2) if status == "resolved" else None,
            "family_in_hardship": hardship,
            "assistance": "已按政策申请困难补助。" if hardship else "",
        }
        add_risk(unit, values, f"demo-risk-{i}", cast[liaison])
