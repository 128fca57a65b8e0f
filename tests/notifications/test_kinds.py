"""Notification kinds are declared with ``config.add_notification_kind``: one registration
per code, known to the web application and to the console scripts alike."""

import pytest
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationConflictError, ConfigurationError

from portal.notifications import Kind, notify, registered_kinds


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


def test_every_declared_kind_has_a_chinese_title(app):
    for kind in registered_kinds(app.registry).values():
        assert kind.title and not kind.title.isascii()


def test_notify_refuses_a_kind_nobody_registered(app, site_of):
    with site_of(app) as site, pytest.raises(KeyError):
        notify(site, ["zy_officer"], "no_such_kind", "标题", registry=app.registry)
