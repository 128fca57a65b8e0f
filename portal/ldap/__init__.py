"""Staff sign-in through LDAP (ldap3, no Pyramid here).

Public API::

    from portal.ldap import Directory, DirectorySettings

    directory = Directory(settings)            # Pyramid settings dict or DirectorySettings
    user = directory.authenticate(login, pw)   # DirectoryUser | None; DirectoryUnavailable
    user = directory.lookup(login)             # DirectoryUser | None (with groups)
    report = directory.test_connection()       # ConnectionReport (Chinese message)

See :mod:`portal.ldap.directory` for the contracts and :mod:`portal.ldap.settings`
for the ``ldap.*`` keys.
"""

from .directory import Directory
from .errors import DirectoryConfigError, DirectoryError, DirectoryUnavailable, ServerFailure
from .filters import ad_chain_groups_filter, member_groups_filter, user_filter
from .results import ConnectionReport, DirectoryUser
from .settings import DirectorySettings

__all__ = [
    "ConnectionReport",
    "Directory",
    "DirectoryConfigError",
    "DirectoryError",
    "DirectorySettings",
    "DirectoryUnavailable",
    "DirectoryUser",
    "ServerFailure",
    "ad_chain_groups_filter",
    "member_groups_filter",
    "user_filter",
]
