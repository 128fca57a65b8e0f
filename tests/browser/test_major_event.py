"""In Chromium: a county head files a major event report (重大信访事项, due within 1 hour) in China
time -- the form's default 报告时间 is now in Zhengzhou to the minute, its sub-labels are Chinese,
and the 1-hour limit runs from the event's time."""

import pytest
from playwright.sync_api import expect

from portal.clock import at

FORM = "/zhongyuan/@@major-event"


def _field(page, label):
    """The ``oid`` of the deform field labelled ``label`` (its inputs are ``oid-date``/``-time``)."""
    return page.locator("#portal-form label", has_text=label).first.get_attribute("for")


@pytest.mark.parametrize("filed, late", [((16, 30), False), ((17, 31), True)])
def test_county_head_files_a_major_event_in_china_time(page, sign_in, clock, shot, filed, late):
    today = clock.today()
    clock.set(at(today, *filed))
    sign_in(page, "zy_head")
    page.goto(FORM)
    form = page.locator("#portal-form")
    reported, event = _field(page, "报告时间"), _field(page, "发生时间")
    # the default 报告时间 is now in Zhengzhou, without seconds; the sub-labels are Chinese
    expect(page.locator(f"#{reported}-date")).to_have_value(today.isoformat())
    expect(page.locator(f"#{reported}-time")).to_have_value(f"{filed[0]:02d}:{filed[1]:02d}")
    labels = form.locator(".input-group-text").all_inner_texts()
    assert set(labels) == {"日期", "时间"}, labels
    page.locator(f"#{event}-date").fill(today.isoformat())
    page.locator(f"#{event}-time").fill("16:00")
    form.locator("input[name=reporter_phone]").fill("0371-67891234")
    form.locator("input[name=place]").fill("区教育局门口")
    form.locator("input[name=headcount]").fill("30")
    form.locator("input[name=subject]").fill("家长聚集反映学区划分问题")
    form.locator("textarea[name=description]").fill("约30名家长聚集，情绪平稳。")
    form.locator("textarea[name=demands]").fill("要求公开学区划分依据。")
    form.locator("textarea[name=measures_taken]").fill("已安排专人接待并做好解释。")
    shot(page, "form")
    with page.expect_navigation():
        form.get_by_role("button", name="立即报告").click()
    timeliness = page.locator("#event-timeliness")
    expect(timeliness).to_have_text("超过1小时报告" if late else "1小时内报告")
    status = page.get_by_role("status").first
    if late:
        expect(status).to_contain_text("已记录为逾期报告")
    else:
        expect(status).to_have_text("已报告重大信访事项")
    expect(page.locator("body")).to_contain_text(
        f"事件发生：{today.isoformat()} 16:00 · 首报时间：{today.isoformat()} {filed[0]:02d}:{filed[1]:02d}"
    )
    shot(page, "filed")
