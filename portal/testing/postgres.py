"""A real PostgreSQL server for tests and benchmarks: Debian's ``postgresql`` package, a fresh
cluster (``initdb``) in a temporary directory, listening on a free loopback port only.

    with PostgresServer() as pg:                  # initdb + postgres; removed at stop()
        pg.create_database("demo")
        uri = pg.uri("demo")                      # postgres://... for zodburi (RelStorage)

PostgreSQL refuses to run as root; when the tests run as root the server runs as the
``postgres`` system user (created by the package), in a directory it owns. ``fsync`` is off by
default (a test cluster is thrown away; ``durable=True`` keeps PostgreSQL's defaults).
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .slapd import free_port

SUPERUSER = "portal"


class PostgresError(RuntimeError):
    """initdb or postgres failed; the message holds what they printed."""


def bin_dir():
    """The newest installed PostgreSQL's bin directory (Debian: /usr/lib/postgresql/N/bin)."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
    )
    if not candidates:
        raise PostgresError("PostgreSQL is not installed (Debian package: postgresql)")
    return Path(candidates[-1]).parent


def available():
    try:
        bin_dir()
        return True
    except PostgresError:
        return False


def _service_user():
    """(uid, gid) to run the server as, or None when not root."""
    if os.geteuid() != 0:
        return None
    entry = pwd.getpwnam("postgres")
    return entry.pw_uid, entry.pw_gid


class PostgresServer:
    def __init__(self, durable=False):
        self.durable = durable
        self.port = None
        self.directory = None
        self._proc = None
        self._user = _service_user()

    # -- running as the service user ------------------------------------------------------
    def _demote(self):
        if self._user is not None:
            uid, gid = self._user
            os.setgid(gid)
            os.setuid(uid)

    def _run(self, *args):
        result = subprocess.run(
            [str(a) for a in args], preexec_fn=self._demote, capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            raise PostgresError(f"{args[0]} failed: {result.stdout}{result.stderr}")
        return result.stdout

    # -- life cycle -------------------------------------------------------------------------
    def start(self, timeout=60):
        binaries = bin_dir()
        self.directory = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        if self._user is not None:
            os.chown(self.directory, *self._user)
        data = self.directory / "data"
        self._run(
            binaries / "initdb",
            "-D",
            data,
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        self.port = free_port()
        options = [
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            f"port={self.port}",
            "-c",
            "unix_socket_directories=",
            "-c",
            "max_connections=100",
            "-c",
            "max_prepared_transactions=20",
        ]
        if not self.durable:
            options += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        self._log = open(self.directory / "postgres.log", "wb")
        self._proc = subprocess.Popen(
            [str(binaries / "postgres"), "-D", str(data)] + options,
            preexec_fn=self._demote,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self._proc.poll() is not None:
                break
            ready = subprocess.run(
                [str(binaries / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER],
                capture_output=True,
            )
            if ready.returncode == 0:
                return self
            time.sleep(0.1)
        self.stop()
        raise PostgresError("postgres did not start: " + self.log_text())

    def log_text(self):
        try:
            return (self.directory / "postgres.log").read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def stop(self):
        if self._proc is not None:
            self._proc.terminate()  # SIGTERM: "smart" shutdown; then fast if it lingers
            try:
                self._proc.wait(30)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(10)
            self._proc = None
            self._log.close()
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- databases --------------------------------------------------------------------------
    def dsn(self, dbname="postgres"):
        return f"dbname={dbname} user={SUPERUSER} host=127.0.0.1 port={self.port}"

    def execute(self, sql, dbname="postgres"):
        import psycopg2

        conn = psycopg2.connect(self.dsn(dbname))
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
        finally:
            conn.close()

    def create_database(self, name, template=None):
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name):
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def uri(self, dbname, blob_dir=None, **options):
        """A zodburi ``postgres://`` URI (RelStorage; blobs in the database, a local cache)."""
        blobs = blob_dir or tempfile.mkdtemp(prefix=f"portal-pg-blobs-{dbname}-")
        extra = "".join(f"&{k}={v}" for k, v in options.items())
        return (
            f"postgres://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"
            f"?blob_dir={blobs}&shared_blob_dir=false{extra}"
        )

    def bin(self, name):
        return str(bin_dir() / name)


def copy_storage(source_uri, target_uri):
    """Copy every transaction (and blob) of the storage at ``source_uri`` into the empty one
    at ``target_uri`` (e.g. a FileStorage into RelStorage), as ``zodbconvert`` does."""
    from zodburi import resolve_uri

    source_factory, _ = resolve_uri(source_uri)
    target_factory, _ = resolve_uri(target_uri)
    source, target = source_factory(), target_factory()
    try:
        target.copyTransactionsFrom(source)
    finally:
        source.close()
        target.close()
