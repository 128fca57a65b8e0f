"""Production settings: secrets and the database from the environment; unfit settings refused."""

import secrets

import pytest

from portal.operations.settings import (
    SettingsError,
    check_production,
    production_problems,
    resolve_environment,
    secret_problems,
)
from portal.testing.web import close_app, make_app

GOOD_SECRET = "3f9c1a7be24d4c0f8a6e5b19d2c7f30a91e8b4d6c5a2f7e0"


def production(**over):
    settings = {
        "session.secret": GOOD_SECRET,
        "session.secure": "true",
        "zodbconn.uri": "zeo://127.0.0.1:8100?blob_dir=/b&shared_blob_dir=true",
        "portal.production": "true",
        "portal.processes": "2",
        "portal.demo": "false",
    }
    settings.update(over)
    return settings


def test_env_values_are_read_from_the_environment():
    got = resolve_environment(
        {"zodbconn.uri": "env:PORTAL_ZODB_URI", "other": "as is"}, {"PORTAL_ZODB_URI": "zeo://db:8100"}
    )
    assert got == {"zodbconn.uri": "zeo://db:8100", "other": "as is"}


def test_a_missing_variable_stops_start_up_naming_it():
    with pytest.raises(SettingsError, match="PORTAL_SESSION_SECRET"):
        resolve_environment({"session.secret": "env:PORTAL_SESSION_SECRET"}, {})


@pytest.mark.parametrize(
    "secret",
    [
        "CHANGE-ME-CHANGE-ME-CHANGE-ME-CHANGE-ME",  # the ini's old placeholder
        "dev-only-secret-change-me-0123456789abcdef",  # development.ini's
        "testing-secret-0123456789abcdef0123456789",  # testing.ini's
        "a1b2c3d4e5f6",  # short
        "abababababababababababababababababababab",  # long but not random
    ],
)
def test_placeholder_short_or_repetitive_secrets_are_refused(secret):
    assert secret_problems(secret)
    with pytest.raises(SettingsError, match="session.secret"):
        check_production(production(**{"session.secret": secret}))


def test_a_random_secret_passes():
    assert secret_problems(secrets.token_hex(32)) == []
    check_production(production())


def test_several_processes_on_one_file_storage_are_refused():
    problems = production_problems(production(**{"zodbconn.uri": "file:///var/lib/portal/Data.fs"}))
    assert any("zeo://" in p for p in problems)
    assert (
        production_problems(production(**{"zodbconn.uri": "file:///d/Data.fs", "portal.processes": "1"}))
        == []
    )


def test_demo_and_insecure_cookies_are_refused_in_production():
    assert any("portal.demo" in p for p in production_problems(production(**{"portal.demo": "true"})))
    assert any("session.secure" in p for p in production_problems(production(**{"session.secure": "false"})))


def test_checks_apply_only_when_production_is_on():
    check_production({"session.secret": "short", "portal.production": "false"})


def test_the_app_refuses_to_start_with_the_placeholder(tmp_path):
    with pytest.raises(SettingsError):
        make_app(
            f"file://{tmp_path}/Data.fs",
            **{
                "portal.production": "true",
                "portal.processes": "1",
                "session.secure": "true",
                "session.secret": "CHANGE-ME-CHANGE-ME-CHANGE-ME-CHANGE-ME",
            },
        )


def test_the_app_starts_with_its_uri_and_secret_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_ZODB_URI", f"file://{tmp_path}/Data.fs")
    monkeypatch.setenv("PORTAL_SESSION_SECRET", GOOD_SECRET)
    app = make_app(
        "env:PORTAL_ZODB_URI",
        **{
            "session.secret": "env:PORTAL_SESSION_SECRET",
            "portal.production": "true",
            "portal.processes": "1",
            "session.secure": "true",
        },
    )
    try:
        assert app.registry.settings["session.secret"] == GOOD_SECRET
        assert (tmp_path / "Data.fs").exists()
    finally:
        close_app(app)


def test_the_production_ini_reads_its_secrets_from_the_environment():
    from pathlib import Path

    from pyramid.paster import get_appsettings

    ini = Path(__file__).resolve().parents[2] / "production.ini"
    settings = get_appsettings(str(ini))
    assert settings["zodbconn.uri"] == "env:PORTAL_ZODB_URI"
    assert settings["session.secret"] == "env:PORTAL_SESSION_SECRET"
    assert settings["portal.production"] == "true"
