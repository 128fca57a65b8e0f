"""Fixtures shared by every layer of the suite.

The demo database is built once per session (``demo_db_file``); each test that needs it gets
its own copy on a real FileStorage (``app``), so tests are independent and a commit in one never
leaks into another. ``login`` signs a WebTest app in through the real sign-in form.
"""
import shutil
import warnings

import pytest

warnings.filterwarnings("ignore", message="pkg_resources is deprecated")

from portal.testing.web import close_app, file_uri, make_app  # noqa: E402


@pytest.fixture(scope="session")
def demo_db_dir(tmp_path_factory):
    """A directory holding a FileStorage with the demo tree and accounts (built once)."""
    directory = tmp_path_factory.mktemp("demo-db")
    app = make_app(file_uri(directory), **{"portal.demo": "true"})
    close_app(app)
    return directory


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
    name = postgres_server.create_database(f"t_{tmp_path.name}"[:60].replace("-", "_"),
                                           template=pg_demo_template)
    yield postgres_server.uri(name, blob_dir=tmp_path / "pg-blob-cache")
    postgres_server.drop_database(name)


@pytest.fixture(params=["zeo", "postgresql"])
def shared_db_uri(request):
    """The demo database on a server several application processes share: a ZEO server, then
    PostgreSQL through RelStorage. Yields a zodburi URI for the clients."""
    if request.param == "zeo":
        return request.getfixturevalue("zeo_demo").uri()
    return request.getfixturevalue("pg_demo")
