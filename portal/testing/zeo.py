"""A real ZEO server for tests and benchmarks: ``runzeo`` on a loopback port over a FileStorage.

with ZeoServer(directory) as zeo:      # directory holds (or will hold) Data.fs and blobs/
    app = make_app(zeo.uri())
"""

import subprocess
import sys
import time
from pathlib import Path

from .slapd import free_port


class ZeoError(RuntimeError):
    """runzeo did not start; the message holds what it printed."""


class ZeoServer:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.port = None
        self._proc = None

    def start(self, timeout=20):
        import socket

        self.port = free_port()
        conf = self.directory.parent / f"{self.directory.name}-zeo.conf"
        conf.write_text(
            f"<zeo>\n  address 127.0.0.1:{self.port}\n</zeo>\n<filestorage>\n"
            f"  path {self.directory}/Data.fs\n  blob-dir {self.directory}/blobs\n"
            "</filestorage>\n"
        )
        runzeo = Path(sys.executable).with_name("runzeo")
        # runzeo logs to stderr: into a file, never a pipe nobody reads (a full pipe blocks
        # the server, which then cannot even stop)
        self._log = self.directory.parent / f"{self.directory.name}-zeo.log"
        with open(self._log, "wb") as log:
            self._proc = subprocess.Popen(
                [str(runzeo), "-C", str(conf)], stdout=subprocess.DEVNULL, stderr=log
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self._proc.kill()
        self._proc.wait()
        raise ZeoError("runzeo did not start: " + self._log.read_text(errors="replace"))

    def uri(self, client_blobs=None, **options):
        """A zodburi ``zeo://`` URI for a client of this server (private client blob cache)."""
        blobs = client_blobs or f"{self.directory}-client-blobs"
        extra = "".join(f"&{k}={v}" for k, v in options.items())
        return f"zeo://127.0.0.1:{self.port}?blob_dir={blobs}&shared_blob_dir=false{extra}"

    def stop(self):
        """Stop the server: SIGTERM, and SIGKILL if it has not exited within a minute (a
        busy machine)."""
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(60)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
