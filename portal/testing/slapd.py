"""A throwaway OpenLDAP ``slapd`` holding the fixture directory.

Used by the LDAP tests, by other suites that need staff sign-in, and by the dev
demo (``python -m portal.testing.slapd --port 3890``).

Contract of :class:`SlapdServer`:

- ``start()`` creates a private temp dir, writes ``slapd.conf`` there (mdb database,
  memberof overlay, optional TLS; the nis schema, ppolicy's schema and AD's
  ``userAccountControl`` so entries can carry account status, none of it enforced), starts ``/usr/sbin/slapd`` in the foreground on a
  free loopback port (``ldap://127.0.0.1:PORT/``, plus ``ldaps://127.0.0.1:PORT2/``
  when TLS material is given), waits until the root DN can bind, then loads the
  fixture LDIF with ``ldapadd``. It raises :class:`SlapdError` with slapd's log when
  anything fails, and leaves nothing running behind.
- ``stop()`` terminates slapd, waits for it (kills it after 5 s) and removes the
  temp dir. It is idempotent. The class is also a context manager.
- ``settings(**overrides)`` returns the flat ``ldap.*`` settings (strings, as in the
  Pyramid ini) that point the portal's directory client at this server.

Everything here is test data: the passwords below are public on purpose.
Environment overrides for unusual installs: ``SLAPD`` (the binary),
``SLAPD_MODULE_PATH`` (default ``/usr/lib/ldap``), ``SLAPD_SCHEMA_DIR``
(default ``/etc/ldap/schema``), ``LDAPADD`` (default ``ldapadd``).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SUFFIX = "dc=zzedu,dc=test"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "Admin-Pa55-2026"
SERVICE_DN = f"cn=portal-reader,ou=services,{SUFFIX}"
SERVICE_PASSWORD = "Reader-Pa55-2026"
USER_BASE = f"ou=people,{SUFFIX}"
GROUP_BASE = f"ou=groups,{SUFFIX}"
USER_FILTER = "(&(objectClass=inetOrgPerson)(uid={login})(!(employeeType=disabled)))"
FIXTURE_LDIF = Path(__file__).resolve().parent / "fixtures" / "directory.ldif"

# Active Directory's userAccountControl (its OID), on an auxiliary class of our own, so that
# entries can carry AD's "account disabled" bit without loading all of msuser.schema.
AD_ACCOUNT_SCHEMA = """\
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl'
  EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.32473.1.1 NAME 'portalTestAdAccount' AUXILIARY
  MAY userAccountControl )
"""

META_LOGIN = "*)(|(uid=*"
"""The fixture user whose uid is made of LDAP filter metacharacters."""


@dataclass(frozen=True)
class FixtureUser:
    """One person in ``fixtures/directory.ldif`` and what the directory says about them.

    ``direct_groups``: groupOfNames groups that list the user as ``member``.
    ``nested_groups``: the groups reached only through group nesting.
    ``unique_member_groups``: groupOfUniqueNames groups (visible in ``member`` mode
    only, because the memberof overlay tracks groupOfNames).
    ``enabled`` is False for the user the portal's filter must not find.
    """

    login: str
    password: str
    display_name: str
    unit: str
    email: str | None
    phone: str | None
    direct_groups: tuple[str, ...]
    nested_groups: tuple[str, ...] = ()
    unique_member_groups: tuple[str, ...] = ()
    enabled: bool = True

    @property
    def dn(self) -> str:
        """The entry's DN, with the uid escaped as an RDN value."""
        from ldap3.utils.dn import escape_rdn

        return f"uid={escape_rdn(self.login)},{USER_BASE}"


_SCHOOL_NEST = ("school-liaisons", "education-staff")

FIXTURE_USERS: dict[str, FixtureUser] = {
    u.login: u
    for u in (
        FixtureUser(
            "zhangwei",
            "Zhangwei-Pa55",
            "张伟",
            "xinfangchu",
            "zhangwei@zzedu.test",
            "0371-67000001",
            ("city-petition-office",),
            ("education-staff",),
            ("reception-leaders",),
        ),
        FixtureUser(
            "lina",
            "李娜的密码-2026",
            "李娜",
            "zhongyuan",
            "lina@zzedu.test",
            "0371-67000002",
            ("zhongyuan-petition",),
        ),
        FixtureUser(
            "wangfang",
            "Wangfang-Pa55",
            "王芳",
            "zhongyuan/s01",
            "wangfang@zzedu.test",
            "0371-67000003",
            ("zhongyuan-school-liaisons",),
            _SCHOOL_NEST,
        ),
        FixtureUser(
            "zhouqiang",
            "Zhouqiang-Pa55",
            "周强",
            "zhongyuan/s01",
            None,
            None,
            ("zhongyuan-school-liaisons",),
            _SCHOOL_NEST,
        ),
        FixtureUser(
            "liuyang",
            "Liuyang-Pa55",
            "刘洋",
            "jinshui",
            "liuyang@zzedu.test",
            "0371-67000004",
            ("cycle-a", "jinshui-petition"),
            ("cycle-b",),
        ),
        FixtureUser(
            "chenjing",
            "Chenjing-Pa55",
            "陈静",
            "jinshui/s01",
            "chenjing@zzedu.test",
            "0371-67000005",
            ("jinshui-school-liaisons",),
            _SCHOOL_NEST,
        ),
        FixtureUser(
            "zhaolei",
            "Zhaolei-Pa55",
            "赵磊",
            "xinfangchu",
            "zhaolei@zzedu.test",
            "0371-67000006",
            ("city-petition-office",),
            ("education-staff",),
            enabled=False,
        ),
        FixtureUser(
            META_LOGIN,
            "Meta-Pa55",
            "孙明",
            "jinshui/s01",
            "sunming@zzedu.test",
            "0371-67000007",
            ("jinshui-school-liaisons",),
            _SCHOOL_NEST,
        ),
    )
}


class SlapdError(RuntimeError):
    """slapd could not be configured, started or loaded; the message holds its log."""


# ---------------------------------------------------------------- TLS material


@dataclass(frozen=True)
class TestPki:
    """Throwaway certificates made by :func:`make_test_pki`.

    ``ca_file`` signed ``cert_file`` (SAN ``localhost`` and ``127.0.0.1`` by default);
    ``wrong_ca_file`` is an unrelated CA that must make verification fail.
    """

    __test__ = False  # not a pytest test class

    ca_file: Path
    cert_file: Path
    key_file: Path
    wrong_ca_file: Path


def _openssl(*args: str, cwd: Path) -> None:
    proc = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SlapdError(f"openssl {args[0]} failed: {proc.stderr.strip()}")


def _self_signed_ca(directory: Path, name: str, common_name: str) -> None:
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        f"{name}.key",
        "-out",
        f"{name}.pem",
        "-days",
        "2",
        "-subj",
        f"/CN={common_name}",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        cwd=directory,
    )


def _san(name: str) -> str:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return f"DNS:{name}"
    return f"IP:{name}"


def make_test_pki(
    directory: str | os.PathLike, names: tuple[str, ...] = ("localhost", "127.0.0.1")
) -> TestPki:
    """Write a test CA, a server certificate signed by it and a second, wrong CA.

    ``names`` go into the server certificate's subjectAltName (IP addresses as
    ``IP:``). Uses the ``openssl`` CLI (EC P-256 keys, valid for 2 days).
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    _self_signed_ca(d, "ca", "zzedu test CA")
    _self_signed_ca(d, "wrong-ca", "unrelated test CA")
    _openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
        cwd=d,
    )
    (d / "server.ext").write_text(
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=" + ",".join(_san(name) for name in names) + "\n"
    )
    _openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        cwd=d,
    )
    return TestPki(d / "ca.pem", d / "server.pem", d / "server.key", d / "wrong-ca.pem")


# ---------------------------------------------------------------- the server


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _slapd_binary(work: Path) -> str:
    """The slapd to run; a private copy when an AppArmor profile would confine it.

    Debian/Ubuntu may ship an enforced profile for /usr/sbin/slapd that forbids
    reading a config from a temp dir; a copy at another path is not confined.
    """
    binary = os.environ.get("SLAPD", "/usr/sbin/slapd")
    if not Path(binary).exists():
        raise SlapdError(f"slapd not found at {binary} (apt-get install slapd ldap-utils)")
    confined = Path("/etc/apparmor.d/usr.sbin.slapd").exists()
    try:
        confined = confined and Path("/sys/module/apparmor/parameters/enabled").read_text().strip() == "Y"
    except OSError:
        confined = False
    if confined and binary == "/usr/sbin/slapd":
        copy = work / "slapd"
        shutil.copy2(binary, copy)
        return str(copy)
    return binary


@dataclass
class SlapdServer:
    """Controller for one slapd process; see the module docstring for the contract."""

    port: int | None = None
    ldaps_port: int | None = None
    tls: TestPki | None = None
    ldif: Path | None = FIXTURE_LDIF
    start_timeout: float = 10.0
    workdir: Path | None = field(default=None, init=False)
    _proc: subprocess.Popen | None = field(default=None, init=False, repr=False)

    @property
    def uri(self) -> str:
        """The plain ``ldap://`` URI (StartTLS is offered on it when TLS is on)."""
        return f"ldap://127.0.0.1:{self.port}/"

    @property
    def ldaps_uri(self) -> str:
        """The ``ldaps://`` URI; only when started with TLS (127.0.0.1 is in the cert SAN)."""
        if self.tls is None:
            raise SlapdError("this slapd was started without TLS")
        return f"ldaps://127.0.0.1:{self.ldaps_port}/"

    # -- lifecycle

    def start(self) -> SlapdServer:
        if self._proc is not None:
            return self
        self.workdir = Path(tempfile.mkdtemp(prefix="zz-slapd-"))
        try:
            self._launch()
            if self.ldif is not None:
                self.load_ldif(self.ldif)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc is not None and proc.stderr is not None:
            proc.stderr.close()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self) -> SlapdServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- helpers

    def settings(self, overrides: dict[str, str] | None = None) -> dict[str, str]:
        """``ldap.*`` settings (strings, as in the ini) pointing at this server.

        ``overrides`` replaces or adds keys, e.g. ``{"ldap.group_mode": "member"}``.
        """
        values = {
            "ldap.enabled": "true",
            "ldap.uris": self.uri,
            "ldap.bind_dn": SERVICE_DN,
            "ldap.bind_password": SERVICE_PASSWORD,
            "ldap.connect_timeout": "2",
            "ldap.receive_timeout": "3",
            "ldap.user_base": USER_BASE,
            "ldap.user_filter": USER_FILTER,
            "ldap.attr.login": "uid",
            "ldap.attr.display_name": "displayName",
            "ldap.attr.email": "mail",
            "ldap.attr.phone": "telephoneNumber",
            "ldap.attr.unit": "departmentNumber",
            "ldap.group_mode": "memberof",
            "ldap.group_base": GROUP_BASE,
            "ldap.nested_groups": "true",
        }
        if self.tls is not None:
            values["ldap.ca_file"] = str(self.tls.ca_file)
        values.update(overrides or {})
        return values

    def load_ldif(self, path: str | os.PathLike) -> None:
        """Add (or modify, per ``changetype``) the records of an LDIF file as the root DN."""
        proc = subprocess.run(
            [
                os.environ.get("LDAPADD", "ldapadd"),
                "-x",
                "-H",
                self.uri,
                "-D",
                ROOT_DN,
                "-w",
                ROOT_PASSWORD,
                "-f",
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if proc.returncode != 0:
            raise SlapdError(f"ldapadd {path} failed ({proc.returncode}): {proc.stderr.strip()}")

    def _config(self) -> str:
        schema = Path(os.environ.get("SLAPD_SCHEMA_DIR", "/etc/ldap/schema"))
        modules = os.environ.get("SLAPD_MODULE_PATH", "/usr/lib/ldap")
        lines = [f"include {schema / name}.schema" for name in ("core", "cosine", "inetorgperson", "nis")]
        ad = self.workdir / "ad-account.schema"
        ad.write_text(AD_ACCOUNT_SCHEMA)
        lines += [
            f"include {ad}",
            f"modulepath {modules}",
            "moduleload back_mdb",
            "moduleload memberof",
            "moduleload ppolicy",  # its schema (pwdAccountLockedTime); no overlay: not enforced
            f"pidfile {self.workdir / 'slapd.pid'}",
            f"argsfile {self.workdir / 'slapd.args'}",
        ]
        if self.tls is not None:
            lines += [
                f"TLSCACertificateFile {self.tls.ca_file}",
                f"TLSCertificateFile {self.tls.cert_file}",
                f"TLSCertificateKeyFile {self.tls.key_file}",
                "TLSVerifyClient never",
            ]
        lines += [
            "database mdb",
            "maxsize 67108864",
            f'suffix "{SUFFIX}"',
            f'rootdn "{ROOT_DN}"',
            f"rootpw {ROOT_PASSWORD}",
            f"directory {self.workdir / 'db'}",
            "index objectClass eq",
            "index uid,cn eq",
            "index member,uniqueMember eq",
            "overlay memberof",
            "memberof-group-oc groupOfNames",
            "memberof-member-ad member",
            "memberof-memberof-ad memberOf",
            "memberof-refint TRUE",
            # people and groups readable by authenticated users (the service account),
            # passwords usable for bind only, nothing readable anonymously
            "access to attrs=userPassword by anonymous auth by * none",
            "access to * by users read by * none",
        ]
        return "\n".join(lines) + "\n"

    def _launch(self) -> None:
        assert self.workdir is not None
        (self.workdir / "db").mkdir()
        conf = self.workdir / "slapd.conf"
        conf.write_text(self._config())
        binary = _slapd_binary(self.workdir)
        fixed = self.port is not None
        for _attempt in range(3):
            self.port = self.port if fixed else free_port()
            urls = [self.uri]
            if self.tls is not None:
                self.ldaps_port = self.ldaps_port or free_port()
                urls.append(f"ldaps://127.0.0.1:{self.ldaps_port}/")
            log = open(self.workdir / "slapd.log", "wb")
            self._proc = subprocess.Popen(
                [binary, "-f", str(conf), "-h", " ".join(urls), "-d", "0"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            log.close()
            if self._wait_until_answering():
                return
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc.wait()
            self._proc = None
            text = (self.workdir / "slapd.log").read_text(errors="replace")
            if fixed or "Address already in use" not in text:
                raise SlapdError(f"slapd did not start on {' '.join(urls)}:\n{text[-4000:]}")
            if self.tls is not None:
                self.ldaps_port = None
        raise SlapdError("slapd did not start: no free port after 3 attempts")

    def _wait_until_answering(self) -> bool:
        import ldap3

        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                return False
            # a fresh Server each time: ldap3 remembers unreachable addresses per Server
            server = ldap3.Server("127.0.0.1", port=self.port, get_info=ldap3.NONE, connect_timeout=0.5)
            conn = ldap3.Connection(server, ROOT_DN, ROOT_PASSWORD, receive_timeout=1)
            try:
                if conn.bind():
                    return True
            except ldap3.core.exceptions.LDAPException:
                pass
            finally:
                conn.unbind()
            time.sleep(0.02)
        return False


# ---------------------------------------------------------------- dev demo CLI


def main(argv: list[str] | None = None) -> int:
    """Run the fixture directory in the foreground and print ini settings for it."""
    parser = argparse.ArgumentParser(
        prog="python -m portal.testing.slapd",
        description="Start the fixture LDAP directory (dc=zzedu,dc=test) for the dev demo.",
    )
    parser.add_argument("--port", type=int, default=3890, help="ldap:// port (default 3890)")
    parser.add_argument(
        "--tls", action="store_true", help="also serve ldaps:// and StartTLS with a throwaway CA"
    )
    parser.add_argument("--ldaps-port", type=int, default=None, help="ldaps:// port (with --tls)")
    args = parser.parse_args(argv)

    pki_dir = None
    pki = None
    if args.tls:
        pki_dir = Path(tempfile.mkdtemp(prefix="zz-slapd-pki-"))
        pki = make_test_pki(pki_dir)
    server = SlapdServer(
        port=args.port, ldaps_port=args.ldaps_port or (args.port + 1 if args.tls else None), tls=pki
    )
    stop_requested = False

    def _on_signal(signum, frame):
        nonlocal stop_requested
        stop_requested = True

    signal.signal(signal.SIGTERM, _on_signal)
    try:
        server.start()
        print(
            f"# fixture directory {SUFFIX} is up on {server.uri}"
            + (f" and {server.ldaps_uri}" if pki else "")
        )
        print("# paste into the [app:main] section of your ini:")
        for key, value in server.settings().items():
            print(f"{key} = {value}")
        if pki:
            print(
                f"# with TLS: ldap.uris = {server.ldaps_uri}  (or keep ldap:// and set ldap.start_tls = true)"
            )
        print("# fixture users (login: password):")
        for user in FIXTURE_USERS.values():
            note = "  (disabled)" if not user.enabled else ""
            print(f"#   {user.login}: {user.password}  {user.display_name} {user.unit}{note}")
        print("# Ctrl-C to stop", flush=True)
        while not stop_requested:
            time.sleep(0.5)
            if server._proc is None or server._proc.poll() is not None:
                print("slapd exited", file=sys.stderr)
                return 1
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if pki_dir is not None:
            shutil.rmtree(pki_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
