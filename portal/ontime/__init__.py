"""On-time rates (按期率) of each unit, for the dashboards and the annual assessment.

The functions the assessment reads are in ``rates`` (``acceptance_rate``, ``handling_rate``,
``reply_rate``, ``monthly_report_rate``, each ``(unit, year, month=None, today=None) -> Rate``,
and ``rates`` for all four); ``views`` shows them for a unit and, on a bureau, for every unit
below it, worst first, with the xlsx export.
"""

from .rates import (
    MEASURES,
    Rate,
    acceptance_rate,
    handling_rate,  # noqa: F401
    monthly_report_rate,
    rates,
    reply_rate,
)


def includeme(config):
    config.include(".views")
