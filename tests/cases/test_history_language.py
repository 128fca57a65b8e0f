"""History entries store their titles as plain Chinese text (never a ``TranslationString``);
the pages show them in the reader's language, looked up as msgids: Accept / Instruct in
English, 受理 / 阅批 in Chinese, on the case page and on its full history."""

import pytest


def titles(page, selector):
    """The first text of each node ``selector`` finds (the title before the date and actor)."""
    return [node.contents[0].strip() for node in page.html.select(selector)]


@pytest.mark.parametrize(
    "locale, expected",
    [("en", ["Instruct", "Accept", "Created"]), ("zh_CN", ["阅批", "受理", "创建"])],
)
def test_history_titles_read_in_the_reader_language(flow, locale, expected):
    path = flow.instructed()
    t = flow.user("city_officer")
    t.set_cookie("_LOCALE_", locale)
    case_page = t.get(path)
    assert titles(case_page, "li.mb-2 > strong")[:3] == expected
    history = t.get(path.rstrip("/") + "/@@history")
    assert titles(history, "ol li div.fw-bold")[:3] == expected
