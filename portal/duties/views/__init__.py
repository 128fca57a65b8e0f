"""The duties' pages. Every view names its permission (``view`` on the unit for pages that
read; the finer rule -- the unit's own petition staff keep its records, only its principal
leader approves a substitute -- is checked inside and refused with 403, as in the reporting
concern); the level above's board needs ``review_report`` or ``instruct_case``."""


def includeme(config):
    config.scan(__name__)
