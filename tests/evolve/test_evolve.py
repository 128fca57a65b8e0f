"""Numbered evolve steps: the database records its generation; start-up refuses newer data.
Each concern declares its steps with ``config.add_evolution_step``."""

import logging

import pytest
import transaction
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationConflictError, ConfigurationError

from portal import include_evolution_steps
from portal.evolve import evolve, latest, pending, steps
from portal.evolve.script import main as evolve_script
from portal.storage.bootstrap import DatabaseNeedsEvolve, DatabaseTooNew
from portal.testing.web import close_app, file_uri, make_app


def set_generation(directory, generation, drop_index=None):
    app = make_app(file_uri(directory))
    conn = app.registry._zodb_databases[""].open()
    site = conn.root()["portal"]
    site.__generation__ = generation
    if drop_index:
        del site.catalog[drop_index]
    transaction.commit()
    conn.close()
    close_app(app)


def code_registry():
    config = Configurator(settings={})
    include_evolution_steps(config)
    config.commit()
    return config.registry


REGISTRY = code_registry()
LATEST = latest(REGISTRY)

# The steps released so far, by number: a database records the number of the last step it ran,
# so none of these may move, vanish or change its name (the behaviour is the concern's to keep).
RELEASED = {
    1: "portal.catalog.evolution.step_1_add_missing_indexes",
    2: "portal.time_limits.evolution.step_2_install_holiday_calendar",
    3: "portal.notifications.evolution.step_3_install_notifications",
    4: "portal.documents.evolution.step_4_install_documents",
    5: "portal.cases.evolution.step_5_case_identity_and_counters",
    6: "portal.reports.evolution.step_6_install_reports",
    7: "portal.public.evolution.step_7_install_public_area",
    8: "portal.identity.evolution.step_8_namespaced_user_principals",
    9: "portal.escalation.evolution.step_9_install_escalations",
    10: "portal.petitioner_notices.evolution.step_10_install_petitioner_notices",
    11: "portal.public.evolution.step_11_statistics_summary",
    12: "portal.catalog.evolution.step_12_text_index_as_term_sets",
    13: "portal.prevention.evolution.step_13_install_prevention",
    14: "portal.assessment.evolution.step_14_install_assessment",
    15: "portal.cases.evolution.step_15_handling_chain",
    16: "portal.cases.evolution.step_16_identity_out_of_the_text_index",
    17: "portal.duties.evolution.step_17_install_duties",
    18: "portal.duties.evolution.step_18_duties_instructions_and_first_contacts",
    19: "portal.security.evolution.step_19_drop_stored_throttles",
    20: "portal.public.evolution.step_20_withdraw_published_whistleblowing",
    21: "portal.catalog.evolution.step_21_reindex_text_outside_the_bmp",
    22: "portal.catalog.evolution.step_22_write_less_per_registration",
    23: "portal.orgtree.evolution.step_23_units_in_the_citys_order",
    24: "portal.i18n.evolution.step_24_stored_texts_plain",
    25: "portal.orgtree.evolution.step_25_units_know_their_subunits",
    26: "portal.duties.evolution.step_26_pending_instructions",
    27: "portal.duties.evolution.step_27_raised_matters_waiting",
    28: "portal.duties.evolution.step_28_handovers_waiting",
    29: "portal.public.evolution.step_29_log_by_case",
    30: "portal.public.evolution.step_30_projections_newest_first",
}


def test_released_steps_keep_their_numbers():
    found = steps(REGISTRY)
    assert {n: f"{found[n].__module__}.{found[n].__name__}" for n in RELEASED} == RELEASED


def test_the_app_and_the_console_scripts_know_the_same_steps(app):
    assert steps(app.registry) == steps(REGISTRY)


def test_new_database_is_at_the_latest_generation(app, site_of):
    with site_of(app) as site:
        assert site.__generation__ == LATEST and pending(site, app.registry) == []


def test_an_old_database_runs_only_the_missing_steps(tmp_path, caplog):
    set_generation(tmp_path, 18)
    with caplog.at_level(logging.INFO, logger="portal.evolve"):
        app = make_app(file_uri(tmp_path))  # auto_evolve is on in the test settings
    ran = [r.args[0] for r in caplog.records if r.name == "portal.evolve"]
    assert ran == list(range(19, LATEST + 1))
    conn = app.registry._zodb_databases[""].open()
    assert conn.root()["portal"].__generation__ == LATEST
    conn.close()
    close_app(app)


def _spy(number, ran):
    def step(site):
        ran.append(number)

    step.__doc__ = f"Spy step {number}."
    return step


def test_evolve_runs_pending_steps_in_number_order_and_records_each():
    ran = []
    config = Configurator()
    config.include("portal.evolve")
    for n in (3, 1, 2):
        config.add_evolution_step(n, _spy(n, ran))
    config.commit()

    class OldSite:
        __generation__ = 1

    site = OldSite()
    assert evolve(site, registry=config.registry) == [2, 3]
    assert ran == [2, 3] and site.__generation__ == 3
    assert evolve(site, registry=config.registry) == [] and ran == [2, 3]


def _concern_a(config):
    config.add_evolution_step(1, _spy(1, []))


def _concern_b(config):
    config.add_evolution_step(1, _spy(1, []))


def test_two_concerns_claiming_one_step_number_conflict():
    config = Configurator()
    config.include("portal.evolve")
    config.include(_concern_a)
    config.include(_concern_b)
    with pytest.raises(ConfigurationConflictError):
        config.commit()


def test_a_released_step_number_claimed_again_stops_the_app():
    config = Configurator(settings={})
    include_evolution_steps(config)
    config.include(_concern_a)
    with pytest.raises(ConfigurationConflictError):
        config.commit()


def test_a_gap_in_the_numbers_is_refused_at_commit():
    config = Configurator()
    config.include("portal.evolve")
    config.add_evolution_step(1, _spy(1, []))
    config.add_evolution_step(3, _spy(3, []))
    with pytest.raises(ConfigurationError, match=r"missing: \[2\]"):
        config.commit()


def test_a_step_without_a_docstring_is_refused_at_commit():
    config = Configurator()
    config.include("portal.evolve")
    config.add_evolution_step(1, lambda site: None)
    with pytest.raises(ConfigurationError, match="docstring"):
        config.commit()


def test_startup_refuses_a_newer_database(tmp_path):
    set_generation(tmp_path, LATEST + 1)
    with pytest.raises(DatabaseTooNew):
        make_app(file_uri(tmp_path))


def test_startup_refuses_an_older_database_without_auto_evolve(tmp_path):
    set_generation(tmp_path, 0)
    with pytest.raises(DatabaseNeedsEvolve):
        make_app(file_uri(tmp_path), **{"portal.auto_evolve": "false"})


def test_step_1_restores_a_missing_index(tmp_path):
    set_generation(tmp_path, 0, drop_index="sort_key")
    app = make_app(file_uri(tmp_path))  # auto_evolve is on in the test settings
    conn = app.registry._zodb_databases[""].open()
    site = conn.root()["portal"]
    assert site.__generation__ == LATEST and "sort_key" in site.catalog
    assert site.catalog["sort_key"].indexed_count() >= 1
    conn.close()
    close_app(app)


def test_console_script_runs_pending_steps(tmp_path, capsys):
    set_generation(tmp_path, 0)
    ini = tmp_path / "evolve.ini"
    ini.write_text(f"[app:main]\nuse = egg:zz-petition-portal\nzodbconn.uri = {file_uri(tmp_path)}\n")
    assert evolve_script([str(ini)]) == 0
    assert f"已升级到第 {LATEST} 代" in capsys.readouterr().out
    assert evolve_script([str(ini)]) == 0
    assert "待运行步骤：无" in capsys.readouterr().out


def test_steps_are_numbered_from_one_without_gaps():
    assert sorted(steps(REGISTRY)) == list(range(1, LATEST + 1))
    assert all(step.__doc__ for step in steps(REGISTRY).values())


def test_evolve_upto_stops_early():
    class FakeSite:
        __generation__ = 0

    site = FakeSite()
    assert evolve(site, upto=0, registry=REGISTRY) == []


def test_evolve_without_configured_steps_refuses_rather_than_records_nothing():
    class FakeSite:
        __generation__ = 0

    with pytest.raises(RuntimeError):
        evolve(FakeSite(), registry=Configurator().registry)


def test_step_8_namespaces_stored_grants_and_normalises_user_keys(tmp_path, demo_db_dir, site_of):
    import shutil

    from portal.catalog import allowed_query, search
    from portal.identity.users import User
    from portal.security.principals import user_principal

    tmp_path = tmp_path / "db"
    shutil.copytree(demo_db_dir, tmp_path, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    set_generation(tmp_path, 7)
    # write generation-7 data by hand: bare userids as principals, a mixed-case user key
    from ZODB import DB
    from ZODB.FileStorage import FileStorage

    db = DB(FileStorage(str(tmp_path / "Data.fs"), blob_dir=str(tmp_path / "blobs")))
    conn = db.open()
    site = conn.root()["portal"]
    roles = site["zhongyuan"].__local_roles__
    roles["zy_officer"] = roles.pop("user:zy_officer")
    legacy = User("legacy", "旧目录用户", source="ldap")
    legacy.login = "Legacy.User"
    site.users.data["Legacy.User"] = legacy
    roles["Legacy.User"] = ("leader",)
    transaction.commit()
    conn.close()
    db.close()
    app = make_app(file_uri(tmp_path))
    with site_of(app) as site:
        grants = dict(site["zhongyuan"].__local_roles__.items())
        assert grants[user_principal("zy_officer")] == ("petition_officer",)
        assert grants[user_principal("legacy.user")] == ("leader",)
        assert not [p for p in grants if ":" not in p]
        assert site.users.get("LEGACY.user").login == "legacy.user"
        seen = search(site, allowed_query(site, [user_principal("zy_officer")])).all()
        assert "s01" in {o.__name__ for o in seen}
    close_app(app)


def test_step_19_drops_the_stored_throttles_and_runs_twice(app, site_of):
    from BTrees.OOBTree import OOBTree

    from portal.security.evolution import step_19_drop_stored_throttles

    with site_of(app, commit=True) as site:
        site.signin_failures = OOBTree({"acct:admin": (1.0,)})
        site.public_area.throttle = OOBTree({"lookup:addr:1.2.3.4": (1.0,)})
    with site_of(app, commit=True) as site:
        step_19_drop_stored_throttles(site)
        step_19_drop_stored_throttles(site)
    with site_of(app) as site:
        assert getattr(site, "signin_failures", None) is None
        assert getattr(site.public_area, "throttle", None) is None
        assert site.public_area.codes is not None  # the rest of the store is untouched
