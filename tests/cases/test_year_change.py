"""Across New Year's Eve: case numbers restart at 0001 on 1 January for each unit, and a case
registered on 31 December keeps its number and its deadlines in the new year.

The years come from the suite's clock (``YEAR`` and ``YEAR + 1``), so the same tests run at the
fixed date and on CI's next 1 January."""

from datetime import date

from pyramid.traversal import find_resource

from portal.clock import at
from portal.testing.web import login

from .conftest import YEAR

NEW_YEARS_EVE = date(YEAR, 12, 31)
NEW_YEARS_DAY = date(YEAR + 1, 1, 1)


def path_of(res):
    return res.location.replace("http://localhost", "")


def test_numbers_restart_at_0001_on_1_january_for_each_unit(testapp, register, clock):
    clock.set(at(NEW_YEARS_EVE, 23, 50))
    login(testapp, "city_officer")
    assert path_of(register(testapp)) == f"/c{YEAR}-0001/"
    res = register(testapp, subject="另一件事：食堂卫生", confirm_new=True)
    assert path_of(res) == f"/c{YEAR}-0002/"
    assert f"郑教信〔{YEAR}〕0002" in res.follow().text

    clock.set(at(NEW_YEARS_DAY, 0, 5))
    res = register(testapp, subject="新年第一件：校车安全", confirm_new=True)
    assert path_of(res) == f"/c{YEAR + 1}-0001/"
    assert f"已登记信访事项 郑教信〔{YEAR + 1}〕0001" in res.follow().text
    login(testapp, "zy_officer")
    res = register(testapp, unit="/zhongyuan/", subject="中原区的一件事")
    assert path_of(res) == f"/zhongyuan/c{YEAR + 1}-0001/"  # each unit counts on its own
    assert f"中原教信〔{YEAR + 1}〕0001" in res.follow().text


def test_a_case_registered_on_31_december_keeps_its_number_and_deadlines(
    testapp, register, app, site_of, clock
):
    clock.set(at(NEW_YEARS_EVE, 16))
    login(testapp, "city_officer")
    path = path_of(register(testapp))
    with site_of(app) as site:
        case = find_resource(site, path)
        number, received = case.number, case.received_on
        due = case.deadlines["acceptance_notice"].due
    assert (number, received) == (f"郑教信〔{YEAR}〕0001", NEW_YEARS_EVE)
    assert due.trigger == NEW_YEARS_EVE and due.due_date.year == YEAR + 1  # 15 days on

    clock.set(at(NEW_YEARS_DAY, 9))
    page = testapp.get(path)
    assert number in page.text and due.display in page.text
    # the ledger of the old year still finds it; the numbering of the new year is untouched
    ledger = testapp.get("/@@cases", {"from": f"{YEAR}-12-01", "to": f"{YEAR}-12-31"})
    assert number in ledger.text
    res = register(testapp, subject="新年第一件：校车安全", confirm_new=True)
    assert path_of(res) == f"/c{YEAR + 1}-0001/"
    with site_of(app) as site:
        case = find_resource(site, path)
        assert (case.number, case.__name__) == (number, f"c{YEAR}-0001")
        assert case.deadlines["acceptance_notice"].due == due
