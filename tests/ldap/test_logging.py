"""Failures are logged with the login and the server, never with a password."""

import logging

import pytest

from portal.ldap import Directory, DirectoryUnavailable

SECRET = "Zhangwei-Pa55"
WRONG = "Wr0ng-S3cret-质询"


def test_no_password_in_logs_or_errors(settings, slapd, dead_uri, silent_uri, caplog):
    caplog.set_level(logging.DEBUG)
    service_password = settings()["ldap.bind_password"]
    good = Directory(settings({"ldap.uris": f"{dead_uri} {slapd.uri}"}))
    assert good.authenticate("zhangwei", SECRET) is not None
    assert good.authenticate("zhangwei", WRONG) is None
    assert good.authenticate("nobody", WRONG) is None
    assert good.authenticate("*", WRONG) is None
    good.test_connection()

    messages = []
    for directory in (
        Directory(settings({"ldap.uris": dead_uri})),
        Directory(settings({"ldap.uris": silent_uri, "ldap.receive_timeout": "1"})),
        Directory(settings({"ldap.bind_password": WRONG})),
    ):
        with pytest.raises(DirectoryUnavailable) as info:
            directory.authenticate("zhangwei", SECRET)
        messages += [str(info.value), repr(info.value.failures), repr(directory.settings)]
        if directory.settings.receive_timeout > 1:  # skip the slow one: 1 s is enough
            messages.append(directory.test_connection().message)

    text = "\n".join([caplog.text, *messages])
    assert "zhangwei" in caplog.text and dead_uri in caplog.text  # the useful part is there
    assert "sign-in rejected for login='zhangwei'" in caplog.text
    for secret in (SECRET, WRONG, service_password):
        assert secret not in text
