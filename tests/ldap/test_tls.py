"""ldaps:// and StartTLS against a slapd with a throwaway CA; a wrong CA must fail."""

import socket

import pytest

from portal.ldap import Directory, DirectoryUnavailable


@pytest.fixture
def tls_settings(tls_slapd):
    def make(overrides):
        return tls_slapd.settings(overrides)

    return make


def test_ldaps_with_the_right_ca(tls_settings, tls_slapd):
    directory = Directory(tls_settings({"ldap.uris": tls_slapd.ldaps_uri}))
    assert directory.authenticate("zhangwei", "Zhangwei-Pa55").display_name == "张伟"
    assert directory.authenticate("zhangwei", "wrong") is None
    report = directory.test_connection()
    assert report.ok and report.uri == tls_slapd.ldaps_uri


def test_starttls_with_the_right_ca(tls_settings, tls_slapd):
    directory = Directory(tls_settings({"ldap.uris": tls_slapd.uri, "ldap.start_tls": "true"}))
    assert directory.authenticate("lina", "李娜的密码-2026").unit == "zhongyuan"


@pytest.mark.parametrize("start_tls", [False, True])
def test_wrong_ca_fails(tls_settings, tls_slapd, start_tls):
    uri = tls_slapd.uri if start_tls else tls_slapd.ldaps_uri
    directory = Directory(
        tls_settings(
            {
                "ldap.uris": uri,
                "ldap.start_tls": str(start_tls),
                "ldap.ca_file": str(tls_slapd.tls.wrong_ca_file),
            }
        )
    )
    with pytest.raises(DirectoryUnavailable) as info:
        directory.authenticate("zhangwei", "Zhangwei-Pa55")
    failure = info.value.failures[0]
    assert failure.kind == "tls"
    assert "certificate verify failed" in failure.detail.lower()
    report = directory.test_connection()
    assert not report.ok and "TLS" in report.message and "ldap.ca_file" in report.message


def test_system_cas_do_not_trust_the_test_ca(tls_settings, tls_slapd):
    settings = tls_settings({"ldap.uris": tls_slapd.ldaps_uri})
    del settings["ldap.ca_file"]
    with pytest.raises(DirectoryUnavailable):
        Directory(settings).authenticate("zhangwei", "Zhangwei-Pa55")


def test_starttls_against_a_server_without_tls_fails(settings):
    directory = Directory(settings({"ldap.start_tls": "true"}))
    with pytest.raises(DirectoryUnavailable) as info:
        directory.authenticate("zhangwei", "Zhangwei-Pa55")
    assert info.value.failures[0].kind == "tls"


def test_failover_onto_ldaps(tls_settings, tls_slapd, dead_uri):
    directory = Directory(tls_settings({"ldap.uris": f"{dead_uri} {tls_slapd.ldaps_uri}"}))
    assert directory.lookup("wangfang").unit == "zhongyuan/s01"


def test_certificate_for_another_host_name_fails(tmp_path):
    from portal.testing.slapd import SlapdServer, make_test_pki

    pki = make_test_pki(tmp_path, names=("elsewhere.zzedu.test",))
    with SlapdServer(tls=pki, ldif=None) as server:
        settings = server.settings({"ldap.uris": server.ldaps_uri})
        with pytest.raises(DirectoryUnavailable) as info:
            Directory(settings).authenticate("zhangwei", "Zhangwei-Pa55")
    assert info.value.failures[0].kind == "tls"
    assert "doesn't match" in info.value.failures[0].detail


@pytest.mark.parametrize("start_tls", [False, True])
def test_tls_connections_send_without_delay(tls_settings, tls_slapd, start_tls):
    """TCP_NODELAY is set on the connection's socket: without it each TLS sign-in stalled on
    Nagle's algorithm and the server's delayed ACK (the cost is measured in bench/ldap_timing.py)."""
    from portal.ldap.connection import bound_connection

    uri = tls_slapd.uri if start_tls else tls_slapd.ldaps_uri
    directory = Directory(tls_settings({"ldap.uris": uri, "ldap.start_tls": str(start_tls)}))
    s = directory.settings
    with bound_connection(s, directory._tls, uri, s.bind_dn, s.bind_password) as conn:
        assert conn.tls_started or conn.server.ssl
        assert conn.socket.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    assert directory.authenticate("wangfang", "Wangfang-Pa55") is not None
