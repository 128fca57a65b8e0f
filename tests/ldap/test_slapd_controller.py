"""The reusable slapd controller and its command-line entry point."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from portal.ldap import Directory
from portal.testing.slapd import FIXTURE_USERS, SlapdServer, free_port


def test_stop_ends_slapd_and_removes_its_directory():
    server = SlapdServer(ldif=None).start()
    workdir, proc = server.workdir, server._proc
    assert workdir.is_dir() and proc.poll() is None
    server.stop()
    assert proc.poll() is not None and not workdir.exists()
    server.stop()  # idempotent


def test_fixture_users_match_the_ldif(slapd):
    ldif = Path(slapd.ldif).read_text(encoding="utf-8")
    for user in FIXTURE_USERS.values():
        assert f"userPassword: {user.password}\n" in ldif
        assert f"uid: {user.login}\n" in ldif
        assert f"departmentNumber: {user.unit}\n" in ldif


def test_command_line_demo_prints_working_settings():
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "portal.testing.slapd", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env=env,
    )
    try:
        settings, lines = {}, []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("ldap."):
                key, _, value = line.partition(" = ")
                settings[key] = value.strip()
            if "Ctrl-C" in line:
                break
        assert settings.get("ldap.uris") == f"ldap://127.0.0.1:{port}/", "".join(lines)
        user = Directory(settings).authenticate("lina", FIXTURE_USERS["lina"].password)
        assert user.display_name == "李娜"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == 0
