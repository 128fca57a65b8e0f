"""Report kinds are declared with ``config.add_report_kind``: one declaration per document
type, checked at start-up, each an entry of the 报表 menu on a unit's page."""

import pytest
from pyramid.exceptions import ConfigurationConflictError, ConfigurationError

from portal import make_config
from portal.orgtree.actions import unit_actions
from portal.reports.kinds import report_kinds
from portal.testing.web import BASE_SETTINGS


def _config():
    return make_config(dict(BASE_SETTINGS, **{"zodbconn.uri": "memory://"}))


def test_the_report_kinds_in_menu_order(app):
    assert [(k.code, k.title, k.view) for k in report_kinds(app.registry)] == [
        ("monthly_report", "月报表", "monthly-report"),
        ("zero_report", "零报告", "zero-report"),
        ("major_event_report", "重大信访事项报告", "major-events"),
        ("risk_ledger_entry", "矛盾隐患排查台账", "risk-ledger"),
        ("duty_log", "值班安排与记录", "duty"),
    ]
    menu = [a.view for a in unit_actions(app.registry) if a.group == "报表"]
    assert menu == [
        "monthly-report",
        "reports-dashboard",
        "zero-report",
        "major-events",
        "risk-ledger",
        "duty",
    ]


def test_a_report_kind_declared_twice_conflicts():
    config = _config()
    config.include(lambda c: c.add_report_kind("risk_ledger_entry", "风险台账", "risk-ledger-again"))
    with pytest.raises(ConfigurationConflictError):
        config.commit()


def test_a_report_kind_without_a_document_type_stops_start_up():
    config = _config()
    config.include(lambda c: c.add_report_kind("no_such_report", "无此报表", "search", order=99))
    with pytest.raises(ConfigurationError, match="no such document type"):
        config.commit()
