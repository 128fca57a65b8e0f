"""Warning thresholds come from the ini: ``portal.deadline_due_soon_days`` (default 3)."""

import pytest
from pyramid.exceptions import ConfigurationError

from portal import make_config
from portal.testing.web import BASE_SETTINGS
from portal.time_limits import thresholds
from portal.time_limits.settings import parse_thresholds


def test_default_is_three_days(app):
    assert thresholds(app.registry).due_soon_days == 3


def test_configured_in_the_ini(app_factory):
    app = app_factory(**{"portal.deadline_due_soon_days": " 7 "})
    assert thresholds(app.registry).due_soon_days == 7


@pytest.mark.parametrize("value", ["abc", "-1", "366", "2.5"])
def test_a_bad_value_stops_start_up(value):
    settings = dict(BASE_SETTINGS, **{"zodbconn.uri": "memory://", "portal.deadline_due_soon_days": value})
    with pytest.raises(ConfigurationError, match="portal.deadline_due_soon_days"):
        make_config(settings)


def test_parsed_from_settings_when_start_up_did_not():
    class Bare:
        settings = {"portal.deadline_due_soon_days": "5"}

    assert thresholds(Bare()).due_soon_days == 5
    assert parse_thresholds(None).due_soon_days == 3
