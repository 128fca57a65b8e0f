"""The same application on a real ZEO server: two app instances share one database."""
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from webtest import TestApp

from portal.testing.web import close_app, csrf_token, login, make_app


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def zeo_uri(tmp_path, demo_db_dir):
    shutil.copytree(demo_db_dir, tmp_path / "zeo", ignore=shutil.ignore_patterns("*.lock"))
    port = free_port()
    conf = tmp_path / "zeo.conf"
    conf.write_text(f"""<zeo>
  address 127.0.0.1:{port}
</zeo>
<filestorage>
  path {tmp_path}/zeo/Data.fs
  blob-dir {tmp_path}/zeo/blobs
</filestorage>
""")
    runzeo = Path(sys.executable).with_name("runzeo")
    proc = subprocess.Popen([str(runzeo), "-C", str(conf)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 20
    while time.time() < deadline and proc.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("runzeo did not start: " + proc.stderr.read().decode())
    yield f"zeo://127.0.0.1:{port}?blob_dir={tmp_path}/zeo-client-blobs&shared_blob_dir=false"
    proc.terminate()
    proc.wait(10)


def test_two_app_servers_share_one_zeo_database(zeo_uri):
    app1, app2 = make_app(zeo_uri), make_app(zeo_uri)
    try:
        a, b = TestApp(app1), TestApp(app2)
        login(a, "zy_head")
        a.post("/zhongyuan/s02/@@edit-unit", {"title": "中原区实验小学（新校区）", "code": "",
                                             "save": "1", "csrf_token": csrf_token(a)}, status=302)
        login(b, "zy_officer")
        assert "中原区实验小学（新校区）" in b.get("/zhongyuan/").text
        b.get("/jinshui/", status=403)
    finally:
        close_app(app1)
        close_app(app2)
