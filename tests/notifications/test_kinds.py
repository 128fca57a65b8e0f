"""Notification kinds are declared with ``config.add_notification_kind``: one registration
per code, known to the web application and to the console scripts alike."""

import pytest
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationConflictError, ConfigurationError

from portal.notifications import Kind, notify, registered_kinds
from portal.notifications.sweep import build_registry


def _config():
    config = Configurator(settings={})
    config.include("portal.notifications.sweeping")
    return config


def test_two_concerns_registering_one_code_conflict():
    config = _config()
    config.include(lambda c: c.add_notification_kind(Kind("task", "另一种待办")))
    with pytest.raises(ConfigurationConflictError):
        config.commit()


def test_a_kind_without_a_title_stops_start_up():
    config = _config()
    config.add_notification_kind(Kind("untitled", ""))
    with pytest.raises(ConfigurationError, match="title"):
        config.commit()


def test_the_console_scripts_know_every_kind_but_those_raised_only_in_requests(app):
    in_app, in_scripts = registered_kinds(app.registry), registered_kinds(build_registry({}))
    assert in_scripts.items() <= in_app.items()
    # prevention raises these from pages only (a document saved, an assessment submitted)
    assert set(in_app) - set(in_scripts) == {"major_risk", "decision_assessed"}


def test_every_declared_kind_has_a_chinese_title(app):
    for kind in registered_kinds(app.registry).values():
        assert kind.title and not kind.title.isascii()


def test_notify_refuses_a_kind_nobody_registered(app, site_of):
    with site_of(app) as site, pytest.raises(KeyError):
        notify(site, ["zy_officer"], "no_such_kind", "标题", registry=app.registry)
