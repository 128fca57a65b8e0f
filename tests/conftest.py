"""Fixtures shared by every layer of the suite.

The portal's clock (``portal.clock``) stands at one instant for the whole session: 10:00 China
time on ``PORTAL_TEST_TODAY`` (``2027-01-01``, or ``2027-01-01T16:30``) when that is set, else
on the default date of ``portal.testing.clock``. Every test starts there (``clock``, autouse);
``clock.set(datetime)`` / ``clock.advance(days=1)`` move it for one test. Expected dates and
numbers derive from ``clock.today()``, never from the real date. Only the portal's clock is
fixed: sockets, server start-up waits and session ages keep real time.

The demo database is built once per session (``demo_db_file``); each test that needs it gets
its own copy on a real FileStorage (``app``), so tests are independent and a commit in one never
leaks into another. ``login`` signs a WebTest app in through the real sign-in form.
"""

import shutil
import warnings

import pytest

warnings.filterwarnings("ignore", message="pkg_resources is deprecated")

from portal.testing.web import close_app, file_uri, make_app  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _portal_clock():
    """The session's fixed clock, installed before any session fixture builds data."""
    from portal import clock
    from portal.testing.clock import FixedClock, start_from_environment

    fixed = FixedClock(start_from_environment())
    previous = clock.use(fixed)
    yield fixed
    clock.use(previous)


@pytest.fixture(autouse=True)
def clock(_portal_clock):
    """The portal's clock at the session's instant; ``clock.set(moment)`` moves it (this test
    only), ``clock.today()`` is the date every expected value derives from."""
    _portal_clock.reset()
    yield _portal_clock
    _portal_clock.reset()


@pytest.fixture(scope="session")
def demo_db_dir(tmp_path_factory):
    """A directory holding a FileStorage with the demo tree and accounts (built once)."""
    directory = tmp_path_factory.mktemp("demo-db")
    app = make_app(file_uri(directory), **{"portal.demo": "true"})
    close_app(app)
    return directory


@pytest.fixture(scope="session")
def story_db_dir(tmp_path_factory):
    """A FileStorage with the demo and its story (``portal.demo_story``: cases in every state,
    reports, reception days...), built once, for the tests of what ``./dev demo`` shows."""
    directory = tmp_path_factory.mktemp("story-db")
    app = make_app(file_uri(directory), **{"portal.demo": "true", "portal.demo_story": "true"})
    close_app(app)
    return directory


@pytest.fixture
def story_app(tmp_path, story_db_dir):
    """An app on a private copy of the demo database with its story."""
    target = tmp_path / "story-db"
    shutil.copytree(story_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(target))
    yield app
    close_app(app)


@pytest.fixture
def app_factory(tmp_path, demo_db_dir):
    """Build apps on a private copy of the demo database; closed after the test."""
    apps = []

    def factory(**extra):
        target = tmp_path / f"db{len(apps)}"
        if not target.exists():
            shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
        app = make_app(file_uri(target), **extra)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        close_app(app)


@pytest.fixture
def app(app_factory):
    return app_factory()


@pytest.fixture
def testapp(app):
    from webtest import TestApp

    return TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})


@pytest.fixture
def site_of():
    """Open the site of an app in a fresh connection: ``with site_of(app) as site: ...``."""
    import contextlib

    import transaction

    @contextlib.contextmanager
    def opener(app, commit=False):
        db = app.registry._zodb_databases[""]
        conn = db.open()
        try:
            yield conn.root()["portal"]
            if commit:
                transaction.commit()
            else:
                transaction.abort()
        finally:
            conn.close()

    return opener


@pytest.fixture
def zeo_demo(tmp_path, demo_db_dir):
    """A real ZEO server (runzeo on loopback) over a private copy of the demo database."""
    from portal.testing.zeo import ZeoServer

    directory = tmp_path / "zeo"
    shutil.copytree(demo_db_dir, directory, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    with ZeoServer(directory) as server:
        yield server


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server (initdb in a temporary directory, loopback only), started once."""
    from portal.testing.postgres import PostgresServer

    with PostgresServer() as server:
        yield server


@pytest.fixture(scope="session")
def pg_demo_template(postgres_server, demo_db_dir):
    """A PostgreSQL database holding the demo database (copied once, blobs included)."""
    from portal.testing.postgres import copy_storage

    name = postgres_server.create_database("demo_template")
    copy_storage(file_uri(demo_db_dir), postgres_server.uri(name))
    return name


@pytest.fixture
def pg_demo(postgres_server, pg_demo_template, tmp_path):
    """A private copy of the demo database on PostgreSQL (RelStorage); yields its URI."""
    name = postgres_server.create_database(
        f"t_{tmp_path.name}"[:60].replace("-", "_"), template=pg_demo_template
    )
    yield postgres_server.uri(name, blob_dir=tmp_path / "pg-blob-cache")
    postgres_server.drop_database(name)


@pytest.fixture(params=["zeo", "postgresql"])
def shared_db_uri(request):
    """The demo database on a server several application processes share: a ZEO server, then
    PostgreSQL through RelStorage. Yields a zodburi URI for the clients."""
    if request.param == "zeo":
        return request.getfixturevalue("zeo_demo").uri()
    return request.getfixturevalue("pg_demo")


# -- shared by the chapter 6-9 tests (prevention, emergencies, assessment, accountability) ----
@pytest.fixture
def signed_in(app):
    """``signed_in(login)``: a WebTest app signed in as ``login`` (its own cookie jar), with its
    CSRF token in ``.token``."""
    from webtest import TestApp

    from portal.testing.web import csrf_token, login

    def make(name):
        t = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
        login(t, name)
        t.token = csrf_token(t)
        return t

    return make


@pytest.fixture(scope="session")
def registry_fields():
    """``registry_fields(code, appstruct, extra=())``: the (name, value) pairs a browser submits
    for the registry's form of ``code`` filled with ``appstruct``."""
    from portal.testing.web import document_form_fields

    return document_form_fields


@pytest.fixture
def notices(app, site_of):
    """``notices(userid)``: titles of the user's notifications, newest first."""
    from portal.notifications import notifications_of

    def read(userid):
        with site_of(app) as site:
            return [n.title for n in notifications_of(site, userid)]

    return read


@pytest.fixture
def add_people(app, site_of):
    """``add_people((login, name, unit path, role), ...)``: local accounts with those grants."""
    from pyramid.threadlocal import manager

    from portal.demo.populate import add_accounts

    def add(*accounts):
        manager.push({"registry": app.registry, "request": None})
        try:
            with site_of(app, commit=True) as site:
                add_accounts(site, accounts, registry=app.registry)
        finally:
            manager.pop()

    return add


@pytest.fixture
def unevolved_ini(tmp_path):
    """An ini (auto-evolve off) on a database whose site is at generation 0: what a console
    script meets when the code was upgraded and ``portal-evolve`` not yet run."""
    import transaction

    from portal.testing.web import BASE_SETTINGS

    app = make_app(file_uri(tmp_path))
    conn = app.registry._zodb_databases[""].open()
    conn.root()["portal"].__generation__ = 0
    transaction.commit()
    conn.close()
    close_app(app)
    settings = dict(BASE_SETTINGS, **{"zodbconn.uri": file_uri(tmp_path), "portal.auto_evolve": "false"})
    ini = tmp_path / "unevolved.ini"
    ini.write_text(
        "[app:main]\nuse = egg:zz-petition-portal\n" + "".join(f"{k} = {v}\n" for k, v in settings.items())
    )
    return ini


@pytest.fixture
def memory_db():
    """A ZODB on a MappingStorage (in memory), closed after the test."""
    from ZODB import DB
    from ZODB.MappingStorage import MappingStorage

    database = DB(MappingStorage())
    yield database
    database.close()
