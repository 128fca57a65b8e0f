"""Two registrations at the same moment never get the same case number (threads, real ZEO)."""
import shutil
import threading

import pytest
from webtest import TestApp

from portal.testing.web import close_app, login, make_app


@pytest.fixture
def zeo_app(tmp_path, demo_db_dir):
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path
    shutil.copytree(demo_db_dir, tmp_path / "zeo", ignore=shutil.ignore_patterns("*.lock"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    conf = tmp_path / "zeo.conf"
    conf.write_text(f"<zeo>\n address 127.0.0.1:{port}\n</zeo>\n<filestorage>\n"
                    f" path {tmp_path}/zeo/Data.fs\n blob-dir {tmp_path}/zeo/blobs\n</filestorage>\n")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("runzeo")), "-C", str(conf)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    uri = f"zeo://127.0.0.1:{port}?blob_dir={tmp_path}/client-blobs&shared_blob_dir=false"
    apps = [make_app(uri), make_app(uri)]  # two application servers
    yield apps
    for app in apps:
        close_app(app)
    proc.terminate()
    proc.wait(10)


def test_concurrent_registrations_get_distinct_numbers(zeo_app, register, site_of):
    clients = []
    for i in range(6):
        t = TestApp(zeo_app[i % 2])
        login(t, "city_officer")
        clients.append(t)
    barrier = threading.Barrier(len(clients))
    results, errors = [], []

    def worker(t, i):
        try:
            barrier.wait()
            res = register(t, subject=f"并发登记测试事项第{i}号：食堂问题", confirm_new=True,
                           petitioner={"name": f"王{i}", "id_number": "", "phone": "",
                                       "address": ""})
            results.append(res.location)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(t, i)) for i, t in enumerate(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert errors == []
    assert len(results) == 6 and len(set(results)) == 6
    expected = [f"郑教信〔2026〕{n:04d}" for n in range(1, 7)]
    for _ in range(50):  # ZEO delivers the other server's invalidations asynchronously
        with site_of(zeo_app[0]) as site:
            numbers = sorted(c.number for c in site.values() if getattr(c, "type_name", "") == "case")
        if numbers == expected:
            break
        import time
        time.sleep(0.1)
    assert numbers == expected  # unique and without gaps: a retried request reuses its number
