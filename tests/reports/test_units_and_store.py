"""Who files and who reviews, and what the store keeps: rules tested without the web layer."""

import types

from hypatia.query import Eq

from portal.reports.units import county_path, filers_of, is_filing_unit, may_file, may_review, receiving_unit
from portal.security.principals import user_principal as U

from .conftest import MONTH


def _request(*principals):
    return types.SimpleNamespace(user_principals=["system.Everyone", *map(U, principals)])


def test_receiving_units_and_filers(app, site_of):
    with site_of(app) as site:
        school, county, direct = site["zhongyuan"]["s01"], site["zhongyuan"], site["zz1z"]
        assert receiving_unit(school) is county and receiving_unit(county) is site
        assert receiving_unit(direct) is site and receiving_unit(site) is None
        assert county_path(school) == "/zhongyuan" and county_path(direct) == "/"
        assert not is_filing_unit(site["zhongyuan"]["jichu"]) and not is_filing_unit(site)
        assert filers_of(school) == ["zy_s01_liaison"]
        assert filers_of(county) == ["zy_head", "zy_officer"]
        assert may_file(_request("zy_s01_liaison"), school)
        assert not may_file(_request("city_officer"), school)  # inherited grants do not file
        assert not may_file(_request("zy_officer"), school)
        assert may_review(_request("zy_officer"), school)
        assert not may_review(_request("city_officer"), school)
        assert not may_review(_request("js_officer"), school)
        assert may_review(_request("city_officer"), county)
        assert not may_review(_request("zy_head"), county)


def test_reports_stay_out_of_the_site_catalog(app, site_of, user, file_monthly):
    file_monthly(user("zy_s01_liaison"), "/zhongyuan/s01")
    with site_of(app) as site:
        cat = site.catalog
        assert len(Eq(cat["type_name"], "monthly_report").execute()) == 0
        assert len(Eq(cat["path"], f"/zhongyuan/s01/report-{MONTH}").execute()) == 0
        from portal.reports.store import get_store

        ledger = get_store(site).monthly[MONTH]
        assert len(ledger) == 1 and list(ledger.shards.keys()) == ["/zhongyuan"]
