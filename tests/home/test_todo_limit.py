"""我的待办 lists the earliest deadlines first, at most ``TODO_LIMIT`` items; when more wait,
the page says how many in all and where the rest are, and its counters say they count the
listed items (a county with thousands of open cases must not read "100" as its workload)."""

import pytest
from webtest import TestApp

from portal.cases import ledger
from portal.testing.web import login


@pytest.fixture
def officer(story_app):
    """The county officer of ``./dev demo``'s story, with its waiting cases."""
    t = TestApp(story_app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
    login(t, "zy_officer")
    return t


def _listed(page):
    return [a.text.strip() for a in page.html.select("#todo tbody tr td:first-child a")]


def test_all_items_listed_when_they_fit(officer):
    page = officer.get("/")
    listed = _listed(page)
    assert len(listed) >= 3  # the demo's county officer has work waiting
    header = page.html.select_one("#todo").find_parent(class_="card").select_one(".card-header").text
    assert header.strip() == f"待办事项（{len(listed)}）"
    assert page.html.find(id="todo-unlisted") is None


def test_more_than_the_limit_says_how_many_and_lists_the_earliest(officer, monkeypatch):
    everything = _listed(officer.get("/"))
    monkeypatch.setattr(ledger, "TODO_LIMIT", 2)
    page = officer.get("/")
    listed = _listed(page)
    assert listed == everything[:2]  # the same order: the earliest deadlines are kept
    header = page.html.select_one("#todo").find_parent(class_="card").select_one(".card-header").text
    assert header.strip() == f"待办事项（共{len(everything)}项，列出期限最近的2项）"
    note = page.html.find(id="todo-unlisted")
    assert f"其余{len(everything) - 2}项期限更晚或无期限" in note.text
    assert note.find("a")["href"].endswith("/@@ledger")
    counters = sum(int(c.text) for c in page.html.select(".todo-count"))
    duties = len(page.html.select("#duty-todo tbody tr"))
    assert counters == len(listed) + duties


def test_the_count_and_the_note_read_in_english(officer, monkeypatch):
    total = len(_listed(officer.get("/")))
    monkeypatch.setattr(ledger, "TODO_LIMIT", 2)
    officer.set_cookie("_LOCALE_", "en")
    page = officer.get("/")
    header = page.html.select_one("#todo").find_parent(class_="card").select_one(".card-header").text
    assert header.strip() == f"Waiting ({total} in all, the 2 due soonest listed)"
    note = page.html.find(id="todo-unlisted").text
    assert f"the other {total - 2} are due later" in note and "ledger" in note
