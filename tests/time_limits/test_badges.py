"""Deadline badges: level, Chinese title, CSS class, explanation, due text; the template macros."""

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import transaction
from pyramid.security import NO_PERMISSION_REQUIRED
from webtest import TestApp

from portal import clock as portal_clock
from portal import make_config
from portal.clock import SHANGHAI
from portal.deadlines import Deadline, seeded_calendar
from portal.resources import Unit
from portal.storage.bootstrap import open_site
from portal.testing.web import BASE_SETTINGS, close_app, file_uri
from portal.time_limits import badge

from .conftest import AT, HOLDER_PATH, add_holder

D = date.fromisoformat
WARN_2027 = "2027年节假日数据尚未录入，暂按周末计算，请管理员补录"
HANDLING_TEXT = "受理日 2026-10-26 + 60日 = 2026-12-25"


@pytest.fixture(scope="module")
def calendar():
    return seeded_calendar([2025, 2026], at=AT)


@pytest.fixture
def handling(calendar):
    return Deadline("handling", D("2026-10-26"), calendar, actor="clerk", at=AT)


class FakeRequest:
    def __init__(self, due_soon_days):
        from portal.deadlines import LevelThresholds

        self.registry = type("Registry", (), {"portal_deadline_thresholds": LevelThresholds(due_soon_days)})()


@pytest.mark.parametrize(
    "today, code, title, standing",
    [
        ("2026-12-01", "normal", "正常", "距到期还有24日"),
        ("2026-12-22", "due_soon", "即将到期", "距到期还有3日"),
        ("2026-12-25", "due_today", "今日到期", "今日到期"),
        ("2026-12-28", "overdue", "已超期", "已超期3日"),
    ],
)
def test_levels(handling, today, code, title, standing):
    assert badge(None, handling, D(today)) == {
        "code": code,
        "title": title,
        "css_class": f"deadline-{code}",
        "explanation": f"{HANDLING_TEXT}（{standing}）",
        "due_text": "2026-12-25",
        "provisional": False,
    }


def test_thresholds_come_from_the_registry(handling):
    assert badge(FakeRequest(3), handling, D("2026-12-20"))["code"] == "normal"
    assert badge(FakeRequest(7), handling, D("2026-12-20"))["code"] == "due_soon"


def test_paused(handling, calendar):
    handling.pause(D("2026-11-10"), reason="等待鉴定结论", actor="clerk", at=AT)
    result = badge(None, handling, D("2026-12-28"))
    assert (result["code"], result["title"], result["css_class"]) == ("paused", "已暂停", "deadline-paused")
    assert result["explanation"] == (
        "自 2026-11-10 起暂停计时：等待鉴定结论。恢复计时后重新计算到期日，暂停期间不计入期限。"
        f"原到期日：{HANDLING_TEXT}"
    )


def test_completed_on_time_and_late(calendar):
    on_time = Deadline("handling", D("2026-10-26"), calendar, actor="clerk", at=AT)
    on_time.complete(D("2026-12-20"), actor="clerk", at=AT)
    result = badge(None, on_time, D("2026-12-28"))
    assert (result["code"], result["title"], result["css_class"]) == (
        "completed",
        "已办结",
        "deadline-normal",
    )
    assert result["explanation"] == f"{HANDLING_TEXT}。已于 2026-12-20 办结。"
    late = Deadline("handling", D("2026-10-26"), calendar, actor="clerk", at=AT)
    late.complete(D("2026-12-28"), actor="clerk", at=AT)
    assert badge(None, late, D("2026-12-28"))["title"] == "超期办结"


def test_a_report_deadline_is_met_by_filing(calendar):
    """A late monthly report is 逾期报送, not 超期办结 (issue 17, item 7)."""
    late = Deadline("handling", D("2026-10-26"), calendar, actor="clerk", at=AT)
    late.complete(D("2026-12-28"), actor="clerk", at=AT)
    result = badge(None, late, D("2026-12-28"), done="报送", late="逾期报送")
    assert result["title"] == "逾期报送"
    assert result["explanation"].endswith("已于 2026-12-28 报送，超过到期日。")
    on_time = Deadline("handling", D("2026-10-26"), calendar, actor="clerk", at=AT)
    on_time.complete(D("2026-12-20"), actor="clerk", at=AT)
    assert badge(None, on_time, D("2026-12-28"), done="报送", late="逾期报送")["title"] == "已报送"


def test_a_year_without_data_is_warned_and_the_date_marked_provisional(calendar):
    deadline = Deadline("handling", D("2026-12-01"), calendar, actor="clerk", at=AT)
    result = badge(None, deadline, D("2026-12-02"))
    assert result["due_text"] == "2027-02-01（暂定）"  # 2027-01-30 + weekend
    assert result["provisional"] and WARN_2027 in result["explanation"]
    deadline.complete(D("2027-01-20"), actor="clerk", at=AT)
    done = badge(None, deadline, D("2027-01-21"))
    assert done["due_text"] == "2027-02-01" and not done["provisional"]  # met: no longer pending


def test_hour_limits_use_the_time_of_day(calendar):
    report = Deadline(
        "major_event_report", datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI), calendar, actor="clerk", at=AT
    )
    assert badge(None, report, D("2026-11-26"))["code"] == "due_today"
    late = datetime(2026, 11, 26, 11, 30, tzinfo=SHANGHAI)
    result = badge(None, report, D("2026-11-26"), now=late)
    assert result["code"] == "overdue" and result["due_text"] == "2026-11-26 11:00"


def test_today_defaults_to_the_clock_date_in_shanghai(handling, clock):
    # 2026-12-24 16:30 UTC is 2026-12-25 00:30 in Shanghai: the due day
    clock.set(datetime(2026, 12, 24, 16, 30, tzinfo=UTC))
    assert badge(None, handling)["code"] == "due_today"
    assert portal_clock.today() == D("2026-12-25")


class EnglishRequest(FakeRequest):
    """A request whose reader chose English (the portal's catalog)."""

    def __init__(self):
        from pyramid.i18n import make_localizer
        from pyramid.path import AssetResolver

        super().__init__(7)
        self.localizer = make_localizer("en", [AssetResolver().resolve("portal.i18n:locale").abspath()])


def test_badges_read_in_the_readers_language(calendar):
    """Issue 18, item 6: the explanation, title and due text in English."""
    request = EnglishRequest()
    open_ = Deadline("handling", D("2026-12-01"), calendar, actor="clerk", at=AT)
    result = badge(request, open_, D("2026-12-02"))
    assert (result["title"], result["due_text"]) == ("Normal", "2027-02-01(provisional)")
    assert result["explanation"] == (
        "Date accepted 2026-12-01 + 60 days = 2027-01-30, a rest day, moved to 2027-02-01; The holidays "
        "of 2027 are not entered yet: weekends only are counted as rest days for now; an administrator "
        "should enter them (61 days left)"
    )
    late = Deadline("handling", D("2026-10-26"), calendar, actor="clerk", at=AT)
    assert badge(request, late, D("2026-12-28"))["explanation"] == (
        "Date accepted 2026-10-26 + 60 days = 2026-12-25 (3 days overdue)"
    )
    late.pause(D("2026-11-10"), reason="等待鉴定结论", actor="clerk", at=AT)
    assert badge(request, late, D("2026-12-28"))["explanation"] == (
        "Paused since 2026-11-10: 等待鉴定结论. The due date is recomputed when counting resumes; the pause "
        "does not count. Original due date: Date accepted 2026-10-26 + 60 days = 2026-12-25"
    )
    done = Deadline("handling", D("2026-10-26"), calendar, actor="clerk", at=AT)
    done.complete(D("2026-12-28"), actor="clerk", at=AT)
    result = badge(request, done, D("2026-12-28"), done="报送", late="逾期报送")
    assert (result["title"], result["explanation"]) == (
        "Filed late",
        "Date accepted 2026-10-26 + 60 days = 2026-12-25. Submitted on 2026-12-28, after the due date.",
    )


# ---- the macros, rendered by a page of a real app --------------------------------------


@pytest.fixture
def badge_app(tmp_path, demo_db_dir):
    target = tmp_path / "db"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    settings = dict(BASE_SETTINGS, **{"zodbconn.uri": file_uri(target)})
    config = make_config(settings)
    config.add_view(
        lambda context, request: {},
        context=Unit,
        name="badges-test",
        renderer=str(Path(__file__).with_name("badges_page.pt")),
        permission=NO_PERMISSION_REQUIRED,
    )
    app = config.make_wsgi_app()
    db = app.registry._zodb_databases[""]
    open_site(db, app.registry, settings)
    conn = db.open()
    add_holder(conn.root()["portal"])
    transaction.commit()
    conn.close()
    yield TestApp(app)
    close_app(app)


def test_other_templates_show_badges_through_the_macros(badge_app, clock):
    clock.set(datetime(2026, 12, 28, 9, 0, tzinfo=SHANGHAI))
    res = badge_app.get("/" + "/".join(HOLDER_PATH) + "/@@badges-test")
    span = res.html.find(id="handling").find("span", class_="badge")
    assert span["class"] == ["badge", "deadline-overdue"]
    assert span["tabindex"] == "0"
    assert span["title"] == f"{HANDLING_TEXT}（已超期3日）"
    assert span.get_text() == f"已超期：{HANDLING_TEXT}（已超期3日）"  # the explanation is read out
    assert span.find("span", class_="visually-hidden") is not None
    done = res.html.find(id="acceptance_notice").find("span", class_="badge")
    assert done["class"] == ["badge", "deadline-normal"] and done.contents[0] == "已办结"
    with_date = res.html.find(id="with-date").get_text(" ", strip=True)
    assert with_date.startswith("2026-12-25 已超期")
