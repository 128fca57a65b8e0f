"""Notification titles are kept as message parts and shown in the reader's language (issue
18, item 6); the mail carries the Chinese title; notices stored before keep their title."""

from portal.i18n import _
from portal.notifications import notify
from portal.notifications.centre import notifications_of
from portal.testing.web import login

from .conftest import IN_HOURS

TITLE = _("信访事项 ${number} 领导包案", mapping={"number": "郑教信〔2026〕0099"})


def _centre(testapp, locale):
    testapp.set_cookie("_LOCALE_", locale)
    login(testapp, "zy_officer")
    return testapp.get("/@@notifications")


def test_a_marked_title_is_stored_in_chinese_and_read_in_english(testapp, app, site_of):
    with site_of(app, commit=True) as site:
        notify(site, ["zy_officer"], "task", TITLE, url="/zhongyuan/", registry=app.registry, now=IN_HOURS)
    with site_of(app) as site:
        notice = next(notifications_of(site, "zy_officer"))  # the newest
        assert notice.title == "信访事项 郑教信〔2026〕0099 领导包案"  # what the mail carries
        assert all(isinstance(v, (str, tuple)) for v in notice.title_parts[0])  # no TranslationString stored
    assert "Case 郑教信〔2026〕0099: taken on by a leader" in _centre(testapp, "en").text


def test_the_chinese_centre_shows_the_same_title(testapp, app, site_of):
    with site_of(app, commit=True) as site:
        notify(site, ["zy_officer"], "task", TITLE, url="/zhongyuan/", registry=app.registry, now=IN_HOURS)
    assert "信访事项 郑教信〔2026〕0099 领导包案" in _centre(testapp, "zh_CN").text


def test_notices_stored_with_a_plain_title_still_show(testapp, app, site_of):
    """A title stored as a plain string (older notices): a known message is translated,
    a composed one is shown as stored."""
    with site_of(app, commit=True) as site:
        for title in ("催办、督办", "信访事项 郑教信〔2026〕0098 待办理（交办）"):
            notify(site, ["zy_officer"], "task", title, registry=app.registry, now=IN_HOURS)
        assert [n.title_parts for n in notifications_of(site, "zy_officer")][:2] == [(), ()]
    page = _centre(testapp, "en").text
    assert "Reminders and supervision" in page and "催办、督办" not in page
    assert "信访事项 郑教信〔2026〕0098 待办理（交办）" in page


def _pickle_of(site, notice):
    import transaction

    transaction.commit()
    storage = site._p_jar.db().storage
    data, _serial = storage.load(notice._p_oid)
    return data


def test_a_marked_title_is_stored_once_as_parts(app, site_of):
    """The Chinese title and body are rendered from the parts, not stored beside them (they
    were, once: twice the bytes for every notice)."""
    body = _("已逾期 ${days} 天，请尽快办理", mapping={"days": "3"})
    with site_of(app, commit=True) as site:
        notify(site, ["zy_officer"], "task", TITLE, body=body, registry=app.registry, now=IN_HOURS)
    with site_of(app) as site:
        notice = next(notifications_of(site, "zy_officer"))
        data = _pickle_of(site, notice)
        assert "领导包案".encode() in data  # the message id, in the parts
        assert "郑教信〔2026〕0099 领导包案".encode() not in data  # no rendered title beside them
        assert "已逾期 3 天".encode() not in data
        assert notice.title == "信访事项 郑教信〔2026〕0099 领导包案"
        assert notice.body == "已逾期 3 天，请尽快办理"


def test_a_notice_stored_with_both_still_reads(app, site_of):
    """A notice stored by the code before kept ``title``/``body`` beside their parts."""
    with site_of(app, commit=True) as site:
        notify(site, ["zy_officer"], "task", TITLE, body="请尽快办理", registry=app.registry, now=IN_HOURS)
        notice = next(notifications_of(site, "zy_officer"))
        state = notice.__getstate__()
        state["title"] = "信访事项 郑教信〔2026〕0099 领导包案"
        state["body"] = state.pop("_body")
        notice.__setstate__(state)
        notice._p_changed = True
    with site_of(app) as site:
        notice = next(notifications_of(site, "zy_officer"))
        assert "_body" not in notice.__getstate__() and "title" in notice.__getstate__()
        assert notice.title == "信访事项 郑教信〔2026〕0099 领导包案"
        assert notice.body == "请尽快办理"
