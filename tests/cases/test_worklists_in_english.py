"""The home page's 待办 column names the worklists in the reader's language (issue 18, item 6)."""

from webtest import TestApp

from portal.testing.web import login


def _lists(app, locale):
    t = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
    t.set_cookie("_LOCALE_", locale)
    login(t, "zy_officer")
    rows = t.get("/").html.select("#todo tbody tr")
    return [row.select("td")[1].get_text(strip=True) for row in rows]


def test_worklist_titles_follow_the_language(app, flow):
    flow.register("zy_officer", "/zhongyuan", subject="区里登记的事项")
    chinese, english = _lists(app, "zh_CN"), _lists(app, "en")
    assert "待受理" in chinese and len(chinese) == len(english)
    assert "To accept" in english
    assert not any("待" in text for text in english)
