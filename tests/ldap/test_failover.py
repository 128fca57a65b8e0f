"""Failover between URIs, unreachable and silent servers, and the connection report.

Behaviour only: what each server is asked and what fails how. What a failover costs in time is
measured in ``bench/ldap_timing.py``."""

import pytest

from portal.ldap import Directory, DirectoryUnavailable
from portal.ldap.servers import ServerList


def test_dead_first_uri_falls_over_to_the_live_one(settings, slapd, dead_uri):
    directory = Directory(settings({"ldap.uris": f"{dead_uri}\n{slapd.uri}"}))
    user = directory.authenticate("zhangwei", "Zhangwei-Pa55")
    assert user is not None and user.display_name == "张伟"
    assert directory.authenticate("zhangwei", "wrong") is None  # a real answer, not a failover
    report = directory.test_connection()
    assert report.ok and report.uri == slapd.uri


def test_silent_first_uri_falls_over_then_is_tried_last(settings, slapd, silent):
    directory = Directory(settings({"ldap.uris": f"{silent.uri} {slapd.uri}", "ldap.receive_timeout": "1"}))
    assert directory.lookup("lina").display_name == "李娜"
    assert silent.take_connections() == 1  # tried first, timed out, fell over
    assert directory.lookup("lina").display_name == "李娜"
    assert silent.take_connections() == 0  # the silent server now goes last


def test_unreachable_servers_are_unavailable(settings, dead_uri):
    other_dead = dead_uri.replace("127.0.0.1", "127.0.0.2")
    directory = Directory(settings({"ldap.uris": f"{dead_uri} {other_dead}"}))
    with pytest.raises(DirectoryUnavailable) as info:
        directory.authenticate("zhangwei", "Zhangwei-Pa55")
    assert [f.uri for f in info.value.failures] == [dead_uri, other_dead]
    assert {f.kind for f in info.value.failures} == {"connect"}
    assert dead_uri in str(info.value)
    with pytest.raises(DirectoryUnavailable):
        directory.lookup("zhangwei")


def test_silent_server_is_a_receive_timeout(settings, silent_uri):
    directory = Directory(
        settings({"ldap.uris": silent_uri, "ldap.receive_timeout": "1", "ldap.connect_timeout": "1"})
    )
    with pytest.raises(DirectoryUnavailable) as info:
        directory.authenticate("zhangwei", "Zhangwei-Pa55")
    assert [f.kind for f in info.value.failures] == ["timeout"]


@pytest.mark.parametrize("start_tls", [False, True])
def test_silent_tls_server_is_a_timeout(settings, silent_uri, start_tls, tmp_path):
    uri = silent_uri if start_tls else silent_uri.replace("ldap://", "ldaps://")
    directory = Directory(
        settings({"ldap.uris": uri, "ldap.receive_timeout": "1", "ldap.start_tls": str(start_tls)})
    )
    with pytest.raises(DirectoryUnavailable) as info:
        directory.lookup("zhangwei")
    assert info.value.failures[0].kind == "timeout", info.value.failures


def test_connection_report_success(settings, slapd):
    report = Directory(settings()).test_connection()
    assert report.ok and report.uri == slapd.uri
    assert report.message.startswith("连接成功") and slapd.uri in report.message
    assert report.duration_ms >= 0
    assert report.failures == ()


def test_connection_report_failures(settings, slapd, dead_uri):
    report = Directory(settings({"ldap.uris": dead_uri})).test_connection()
    assert not report.ok and report.uri is None
    assert "无法连接目录服务器" in report.message and dead_uri in report.message
    assert report.failures[0].kind == "connect"

    report = Directory(settings({"ldap.bind_password": "nope"})).test_connection()
    assert not report.ok and "服务账号绑定被拒绝" in report.message

    report = Directory(settings({"ldap.group_base": "ou=missing,dc=zzedu,dc=test"})).test_connection()
    assert not report.ok and "搜索基准不存在" in report.message

    report = Directory(settings({"ldap.uris": f"{dead_uri} {slapd.uri}"})).test_connection()
    assert report.ok and report.uri == slapd.uri and report.failures[0].uri == dead_uri


def test_server_list_order():
    now = [100.0]
    servers = ServerList(["a", "b", "c"], retry_after=30, clock=lambda: now[0])
    assert servers.in_order() == ["a", "b", "c"]
    servers.failed("a")
    assert servers.in_order() == ["b", "c", "a"]
    servers.failed("c")
    assert servers.in_order() == ["b", "a", "c"]
    servers.answered("a")
    assert servers.in_order() == ["a", "b", "c"]
    now[0] += 31
    assert servers.in_order() == ["a", "b", "c"]
