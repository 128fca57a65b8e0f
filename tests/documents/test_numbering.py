"""文号: per issuing unit, year and code; two concurrent claims never share a number."""

import datetime

import pytest
import transaction
from ZODB.POSException import ConflictError

from portal.documents import install
from portal.documents.numbering import prefix_for, take_number

WHEN = datetime.datetime(2026, 11, 26, 2, 0, tzinfo=datetime.UTC)


def test_prefixes_and_serials(app, site_of):
    with site_of(app) as site:
        assert prefix_for(site) == "郑教信"
        assert prefix_for(site["zhongyuan"]) == "中原教信"
        assert prefix_for(site["zhongyuan"]["s01"]) == "中原区第一中学信"
        site["jinshui"].document_prefix = "金教信访"
        assert take_number(site, "monthly_report", WHEN) == "郑教信〔2026〕1号"
        assert take_number(site, "monthly_report", WHEN) == "郑教信〔2026〕2号"
        assert take_number(site, "zero_report", WHEN) == "郑教信〔2026〕1号"
        new_year = datetime.datetime(2026, 12, 31, 17, 0, tzinfo=datetime.UTC)
        assert take_number(site, "monthly_report", new_year) == "郑教信〔2027〕1号"  # Beijing
        assert take_number(site["jinshui"], "monthly_report", WHEN) == "金教信访〔2026〕1号"


def test_install_is_idempotent(app, site_of):
    with site_of(app) as site:
        install(site)
        take_number(site, "duty_log", WHEN)
        install(site)
        assert take_number(site, "duty_log", WHEN) == "郑教信〔2026〕2号"


def test_concurrent_claims_conflict_instead_of_sharing_a_number(app, site_of):
    with site_of(app, commit=True) as site:
        take_number(site["zhongyuan"], "monthly_report", WHEN)  # counters exist from here on
    db = app.registry._zodb_databases[""]
    tm1, tm2 = transaction.TransactionManager(), transaction.TransactionManager()
    c1, c2 = db.open(tm1), db.open(tm2)
    try:
        n1 = take_number(c1.root()["portal"]["zhongyuan"], "monthly_report", WHEN)
        n2 = take_number(c2.root()["portal"]["zhongyuan"], "monthly_report", WHEN)
        assert n1 == n2 == "中原教信〔2026〕2号"  # both tried the same serial ...
        tm1.commit()
        with pytest.raises(ConflictError):  # ... only one may keep it; the other is retried
            tm2.commit()
        tm2.abort()
        retried = take_number(c2.root()["portal"]["zhongyuan"], "monthly_report", WHEN)
        assert retried == "中原教信〔2026〕3号"
        other = take_number(c1.root()["portal"]["zhongyuan"], "zero_report", WHEN)
        tm2.commit()
        tm1.commit()  # another code in the same counters merges without conflict
        assert other == "中原教信〔2026〕1号"
    finally:
        c1.close()
        c2.close()
