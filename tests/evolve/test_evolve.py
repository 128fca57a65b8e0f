"""Numbered evolve steps: the database records its generation; start-up refuses newer data."""

import pytest
import transaction

from portal.evolve import LATEST, STEPS, evolve, pending
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


def test_new_database_is_at_the_latest_generation(app, site_of):
    with site_of(app) as site:
        assert site.__generation__ == LATEST and pending(site) == []


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
    assert sorted(STEPS) == list(range(1, LATEST + 1))
    assert all(step.__doc__ for step in STEPS.values())


def test_evolve_upto_stops_early():
    class FakeSite:
        __generation__ = 0

    site = FakeSite()
    assert evolve(site, upto=0) == []


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

    from portal.evolve.steps import step_19_drop_stored_throttles

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
