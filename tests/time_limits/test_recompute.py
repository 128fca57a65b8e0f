"""``CalendarChanged`` and its subscriber: every open deadline in the site is recomputed."""

from datetime import date

from portal.evolve import evolve
from portal.time_limits import CalendarChanged, notify_calendar_changed, recompute_site

from .conftest import add_holder, find_holder

D = date.fromisoformat


def test_the_event_recomputes_and_other_subscribers_see_the_outcome(app, site_of, holder):
    seen = []
    app.registry.registerHandler(seen.append, (CalendarChanged,))
    with site_of(app) as site:
        site.holiday_calendar.set_holiday(D("2026-12-25"), actor="admin")
        event = notify_calendar_changed(app.registry, site, "admin")
        assert seen == [event]
        assert event.site is site and event.calendar is site.holiday_calendar
        assert event.actor == "admin" and event.edit.action == "set_holiday"
        assert event.examined == 1
        [changed] = event.recomputed
        assert (changed.old.due_date, changed.new.due_date) == (D("2026-12-25"), D("2026-12-28"))
        assert changed.deadline is find_holder(site).deadlines["handling"]


def test_recompute_site_reports_what_it_did(app, site_of):
    with site_of(app) as site:
        calendar = site.holiday_calendar
        assert recompute_site(site, calendar, actor="admin").examined == 0
        unit = add_holder(site)
        calendar.set_holiday(D("2026-12-25"), actor="admin")
        result = recompute_site(site, calendar, actor="admin")
        assert (result.examined, len(result.recomputed), result.objects) == (1, 1, 1)
        # a second run finds every open deadline at the current version: nothing is rewritten
        log = unit.deadlines["handling"].log
        again = recompute_site(site, calendar, actor="admin")
        assert (again.examined, again.recomputed, again.objects) == (1, (), 0)
        assert unit.deadlines["handling"].log == log


def test_objects_the_catalog_lost_are_skipped(app, site_of):
    with site_of(app) as site:
        unit = add_holder(site)
        del site.docmap[unit.__docid__]
        site.holiday_calendar.set_holiday(D("2026-12-25"), actor="admin")
        assert recompute_site(site, site.holiday_calendar, actor="admin").examined == 0


def test_evolve_step_2_installs_the_calendar_on_an_old_site(app, site_of):
    with site_of(app) as site:
        del site.holiday_calendar
        site.__generation__ = 1
        evolve(site, upto=2, registry=app.registry)
        assert site.holiday_calendar.has_data(2026)
