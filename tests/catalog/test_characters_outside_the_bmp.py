"""Characters outside the Basic Multilingual Plane (issue 12, item 16): the CJK extension
ideographs (𠀀 U+20000 …) real names and place names use. A search or ledger filter for them
finds the right cases, and a filter with no searchable character finds nothing (it used to
return every case)."""

from datetime import date

import pytest
from pyramid.traversal import find_resource

from portal.catalog.splitter import query_text, terms
from portal.testing.web import login
from tests.public.seeding import PETITIONER, Seeder

RARE = "𠀀𠀁"  # U+20000 U+20001 (CJK Extension B)
RARE_G = "\U00030000\U00030001"  # CJK Extension G


def test_extension_ideographs_are_split_like_any_other():
    assert terms(RARE) == [RARE]
    assert terms("关于𠀀𠀁村") == ["关于", "于𠀀", RARE, "𠀁村"]
    assert terms(RARE_G) == [RARE_G]
    assert terms("\ufa10\ufa11") == ["\ufa10\ufa11"]  # compatibility ideographs (BMP)
    assert query_text("😀！") == ""


@pytest.fixture
def cases(app):
    seed = Seeder(app)
    return {
        "rare": seed(
            "/zhongyuan", PETITIONER, subject=f"反映{RARE}村小学收费问题", received_on=date(2026, 11, 2)
        ),
        "plain": seed("/zhongyuan", PETITIONER, subject="反映食堂卫生问题", received_on=date(2026, 11, 3)),
    }


def _ledger(t, q):
    page = t.get("/zhongyuan/@@cases", {"q": q})
    return {
        a["href"].rstrip("/").rsplit("/", 1)[-1]
        for a in page.html.select("table a[href]")
        if "/c2026-" in a["href"]
    }


@pytest.mark.parametrize("q", [RARE, f"{RARE}村", "村小学"])
def test_ledger_filter_finds_the_case(testapp, cases, q):
    login(testapp, "zy_officer")
    assert _ledger(testapp, q) == {cases["rare"].rsplit("/", 1)[-1]}


@pytest.mark.parametrize("q", ["😀😀", "！？", "\U00030000", "𠀀"])
def test_a_filter_without_a_searchable_term_finds_nothing(testapp, cases, q):
    login(testapp, "zy_officer")
    assert _ledger(testapp, "") == {p.rsplit("/", 1)[-1] for p in cases.values()}
    assert _ledger(testapp, q) == set()


def test_search_page_finds_the_case(testapp, cases):
    login(testapp, "zy_officer")
    page = testapp.get("/@@search", {"q": RARE})
    assert "找到 1 条结果" in page.text


def test_evolve_reindexes_text_indexed_before(app, site_of, cases):
    from portal.catalog.evolution import step_21_reindex_text_outside_the_bmp

    with site_of(app, commit=True) as site:
        case = find_resource(site, cases["rare"])
        site.catalog["text"].unindex_doc(case.__docid__)  # as the old splitter left it
    with site_of(app, commit=True) as site:
        step_21_reindex_text_outside_the_bmp(site)
    from webtest import TestApp

    t = TestApp(app)
    login(t, "zy_officer")
    assert _ledger(t, RARE) == {cases["rare"].rsplit("/", 1)[-1]}
