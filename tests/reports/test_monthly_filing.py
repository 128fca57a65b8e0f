"""Filing the monthly report: the form, defaults, idempotent resubmission, late marking."""

from pyramid.traversal import find_resource

from portal.reports.store import get_store

from .conftest import MONTH, MONTH_TITLE, PREVIOUS_MONTH, day


def _report(site, path, month=MONTH):
    return find_resource(site, path).get(f"report-{month}")


def test_liaison_files_the_monthly_report(app, site_of, user, file_monthly):
    t = user("zy_s01_liaison")
    page = t.get("/zhongyuan/s01/@@monthly-report")
    assert f"中原区第一中学{MONTH_TITLE}信访工作月报表" in page.text
    assert page.forms["portal-form"]["unit"].value == "中原区第一中学"
    res = file_monthly(t, "/zhongyuan/s01", skipping=2, risks=1)
    assert res.location.endswith(f"/zhongyuan/s01/report-{MONTH}/")
    shown = res.follow()
    assert "已报送" in shown.text and "教师绩效工资1" in shown.text
    with site_of(app) as site:
        report = _report(site, "/zhongyuan/s01")
        assert report.workflow_state == "submitted"
        assert report.filed_at is not None and report.late is False
        assert report.document().appstruct["month"] == MONTH
        row = get_store(site).monthly[MONTH].get(site["zhongyuan"]["s01"].__docid__)
        assert row.state == "submitted" and row.figures == (2, 12, 1, 0, 0)


def test_saving_a_draft_then_submitting_keeps_one_report(app, site_of, user, file_monthly):
    t = user("zy_s01_liaison")
    file_monthly(t, "/zhongyuan/s01", button="save")
    with site_of(app) as site:
        assert _report(site, "/zhongyuan/s01").workflow_state == "draft"
    file_monthly(t, "/zhongyuan/s01", button="submit")
    with site_of(app) as site:
        unit = site["zhongyuan"]["s01"]
        assert [k for k in unit.keys() if k.startswith("report-")] == [f"report-{MONTH}"]
        assert len(unit[f"report-{MONTH}"]) == 1  # one document, updated in place
        assert unit[f"report-{MONTH}"].workflow_state == "submitted"


def test_a_resubmitted_form_changes_nothing(app, site_of, user, file_monthly):
    t = user("zy_s01_liaison")
    file_monthly(t, "/zhongyuan/s01")
    with site_of(app) as site:
        before = len(_report(site, "/zhongyuan/s01").workflow_history)
    again = file_monthly(t, "/zhongyuan/s01").follow()
    assert "未作改动" in again.text
    with site_of(app) as site:
        report = _report(site, "/zhongyuan/s01")
        assert len(report.workflow_history) == before
        assert len(report) == 1


def test_known_level_skipping_cases_are_offered_as_defaults(app, site_of, user, pushed):
    from portal.cases.lifecycle import register_case
    from portal.time_limits import get_calendar
    from portal.workflow.engine import WORKFLOWS_KEY

    data = {
        "petitioner": {"name": "张三丰"},
        "subject": "到市反映校服费用",
        "channel": "visit",
        "received_on": day(5),
        "level_skipping": "city",
        "headcount": 4,
        "problem": "问题",
        "demands": "诉求",
    }
    with site_of(app, commit=True) as site:
        unit = site["zhongyuan"]["s01"]
        register_case(
            unit, data, "zy_officer", app.registry[WORKFLOWS_KEY]["case"], get_calendar(site), app.registry
        )
    page = user("zy_s01_liaison").get(f"/zhongyuan/s01/@@monthly-report?month={MONTH}")
    assert "到市反映校服费用" in page.text
    other = user("zy_s01_liaison").get(f"/zhongyuan/s01/@@monthly-report?month={PREVIOUS_MONTH}")
    assert "到市反映校服费用" not in other.text


def test_late_filing_is_marked(app, site_of, user, file_monthly):
    t = user("zy_s01_liaison")
    file_monthly(t, "/zhongyuan/s01", month=PREVIOUS_MONTH, values=None)
    with site_of(app) as site:
        report = _report(site, "/zhongyuan/s01", PREVIOUS_MONTH)
        assert report.late is True
        assert report.monthly_deadline.met_late is True
    board = user("zy_officer").get(f"/zhongyuan/@@reports-dashboard?month={PREVIOUS_MONTH}")
    assert "逾期" in board.text
    page = user("zy_officer").get(f"/zhongyuan/s01/report-{PREVIOUS_MONTH}/")
    badges = [b.get_text(strip=True) for b in page.html.select(".badge")]
    assert "逾期报送" in badges and "超期办结" not in page.text  # a report is filed, not concluded


def test_only_the_units_own_liaison_files(app, user, file_monthly):
    file_monthly(user("js_s01_liaison"), "/zhongyuan/s01", status=403)
    # a county officer holds no filing role on a school
    t = user("zy_officer")
    page = t.get("/zhongyuan/s01/@@monthly-report")
    assert "portal-form" not in page.text
    assert "尚未填报" in page.text


def test_departments_do_not_file(user):
    res = user("zy_officer").get("/zhongyuan/jichu/@@monthly-report", status=302)
    assert res.location.endswith("/zhongyuan/jichu/")
