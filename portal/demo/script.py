"""``portal-demo INI``: print the demo accounts (the database is filled at start-up)."""

import sys

from .populate import print_accounts


def main(argv=None):
    print_accounts()
    return 0


if __name__ == "__main__":
    sys.exit(main())
