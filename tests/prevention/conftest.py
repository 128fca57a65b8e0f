"""Fixtures for the prevention tests: the reporting clock fixed (``clock.set``), cases
registered through the real form, transitions fired through the real page."""

import datetime
from urllib.parse import urlparse

import pytest

from portal.clock import at
from portal.testing.clock import start_from_environment

#: These tests stand at 10:00 on 20 November of the suite's year (``portal.testing.clock``):
#: the year follows the suite's clock, the day of the year does not.
YEAR = start_from_environment().year
TODAY = datetime.date(YEAR, 11, 20)
NOW = at(TODAY, 10)


@pytest.fixture(autouse=True)
def clock(clock):
    """The portal's clock at :data:`NOW`; ``clock.set(moment)`` moves it."""
    clock.set(NOW)
    return clock


PETITIONER = {
    "name": "张三丰",
    "id_number": "41010219800101123X",
    "phone": "13812345678",
    "address": "郑州市中原区建设路100号",
}


@pytest.fixture
def register_case():
    """``register_case(t, unit, subject, petitioner=PETITIONER, confirm_new=False)``: the real
    registration form; returns the new case's path."""

    def register(t, unit, subject, petitioner=PETITIONER, confirm_new=False):
        page = t.get(unit.rstrip("/") + "/@@register-case", {"channel": "visit"})
        form = page.forms["portal-form"]
        for key in ("name", "id_number", "phone", "address"):
            form[key] = petitioner[key]
        form["headcount"] = "1"
        form["subject"] = subject
        form["problem"] = "学校以资料费名义向学生收取费用，每人300元，未开具收据。"
        form["demands"] = "要求退还违规收取的费用并说明依据。"
        fields = form.submit_fields("save")
        if confirm_new:
            fields.append(("confirm_new", "1"))
        res = t.post(unit.rstrip("/") + "/@@register-case", fields, status=302)
        return urlparse(res.location).path

    return register
