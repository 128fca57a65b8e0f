"""``portal-demo INI``: print the demo accounts and the tour (the database is filled at start-up)."""

import sys

from .populate import print_accounts


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    settings = {}
    if argv:
        from pyramid.paster import get_appsettings

        settings = get_appsettings(argv[0])
    print_accounts(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
