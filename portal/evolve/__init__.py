"""Numbered evolve steps: each stored-data change is a small, logged function.

``STEPS`` maps generation N to the function that takes a site from N-1 to N. The site records
its generation in ``__generation__``; ``evolve`` runs what is pending, in order. A new site starts
at generation 0 and runs every step, so a fresh database and an evolved one end up alike.
Start-up refuses a database newer than ``LATEST`` (see ``portal.storage.bootstrap``).
"""

import logging

from . import steps

log = logging.getLogger(__name__)

STEPS = {
    1: steps.step_1_add_missing_indexes,
    2: steps.step_2_install_holiday_calendar,
    3: steps.step_3_install_notifications,
    4: steps.step_4_install_documents,
    5: steps.step_5_case_identity_and_counters,
    6: steps.step_6_install_reports,
    7: steps.step_7_install_public_area,
    8: steps.step_8_namespaced_user_principals,
    9: steps.step_9_install_escalations,
    10: steps.step_10_install_petitioner_notices,
    11: steps.step_11_statistics_summary,
    12: steps.step_12_text_index_as_term_sets,
    13: steps.step_13_install_prevention,
    14: steps.step_14_install_assessment,
    15: steps.step_15_handling_chain,
    16: steps.step_16_identity_out_of_the_text_index,
    17: steps.step_17_install_duties,
    18: steps.step_18_duties_instructions_and_first_contacts,
    19: steps.step_19_drop_stored_throttles,
    20: steps.step_20_withdraw_published_whistleblowing,
    21: steps.step_21_reindex_text_outside_the_bmp,
    22: steps.step_22_units_in_the_citys_order,
}
LATEST = max(STEPS)


def pending(site):
    return [n for n in sorted(STEPS) if n > site.__generation__]


def evolve(site, upto=LATEST):
    """Run every pending step up to ``upto``; return the generations run. Caller commits."""
    done = []
    for n in pending(site):
        if n > upto:
            break
        log.info("evolve step %d: %s", n, STEPS[n].__doc__.strip().splitlines()[0])
        STEPS[n](site)
        site.__generation__ = n
        done.append(n)
    return done
