"""What the directory client's behaviour costs in time: the timings the LDAP tests used to assert.

Run by hand: ``.venv/bin/python bench/ldap_timing.py [--samples 20]``. Starts a plain and a TLS
fixture slapd (``portal.testing.slapd``) on loopback and prints, in ms:

* TLS sign-in (ldaps:// and StartTLS) with TCP_NODELAY, as the portal does, and without it
  (Nagle + the server's delayed ACK: ~100 ms per sign-in when it was missing);
* failover: a silent first server costs one receive timeout, then goes last (next lookup fast);
  two unreachable servers; a silent server alone (about ``ldap.receive_timeout``);
* an empty password against a silent server (never connects, so no timeout is paid).
"""

import argparse
import logging
import socket
import statistics
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)  # the failover cases log every failure

from portal.ldap import (  # noqa: E402
    Directory,
    DirectoryUnavailable,
    connection,  # noqa: E402
)
from portal.testing.slapd import SlapdServer, free_port, make_test_pki  # noqa: E402


def ms(action, samples=1):
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


@contextmanager
def without_nodelay():
    original = connection._no_delay
    connection._no_delay = lambda conn: None
    try:
        yield
    finally:
        connection._no_delay = original


@contextmanager
def silent_server():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        yield f"ldap://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        listener.close()


def unavailable(directory, method="authenticate"):
    def run():
        try:
            getattr(directory, method)("zhangwei", "Zhangwei-Pa55")
        except DirectoryUnavailable:
            return
        raise AssertionError("expected DirectoryUnavailable")

    return run


def line(name, values):
    print(f"{name:52}{statistics.median(values):9.1f}{max(values):9.1f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pki = make_test_pki(Path(tmp))
        plain, tls = SlapdServer().start(), SlapdServer(tls=pki).start()
        try:
            print(f"{'(ms)':52}{'p50':>9}{'max':>9}")
            for label, overrides in (
                ("ldaps://", {"ldap.uris": tls.ldaps_uri}),
                ("StartTLS", {"ldap.uris": tls.uri, "ldap.start_tls": "true"}),
            ):
                directory = Directory(tls.settings(overrides))
                sign_in = lambda: directory.authenticate("wangfang", "Wangfang-Pa55")  # noqa: E731
                sign_in()
                line(f"TLS sign-in {label}, TCP_NODELAY", ms(sign_in, args.samples))
                with without_nodelay():
                    line(f"TLS sign-in {label}, without TCP_NODELAY", ms(sign_in, args.samples))
            with silent_server() as silent:
                directory = Directory(
                    plain.settings({"ldap.uris": f"{silent} {plain.uri}", "ldap.receive_timeout": "1"})
                )
                lookup = lambda: directory.lookup("lina")  # noqa: E731
                line("failover past a silent server (receive_timeout 1 s)", ms(lookup))
                line("next lookup (the silent server goes last)", ms(lookup, args.samples))
                alone = Directory(
                    plain.settings(
                        {"ldap.uris": silent, "ldap.receive_timeout": "1", "ldap.connect_timeout": "1"}
                    )
                )
                line("silent server alone (receive_timeout 1 s)", ms(unavailable(alone)))
                empty = Directory(plain.settings({"ldap.uris": silent, "ldap.receive_timeout": "5"}))
                line(
                    "empty password against a silent server",
                    ms(lambda: empty.authenticate("zhangwei", ""), args.samples),
                )
            dead = f"ldap://127.0.0.1:{free_port()}/"
            both = Directory(
                plain.settings({"ldap.uris": f"{dead} {dead.replace('127.0.0.1', '127.0.0.2')}"})
            )
            line("two unreachable servers", ms(unavailable(both), args.samples))
        finally:
            plain.stop()
            tls.stop()


if __name__ == "__main__":
    main()
