"""Reception days and the rules pages: edited by the right staff, shown escaped to the public."""

from datetime import timedelta


def test_reception_schedule_is_published_escaped(staff_app, anon, clock):
    """The schedule is kept by the duties (tests/duties/test_receptions.py: substitutes only
    after approval); what it publishes reaches the public page escaped."""
    day = (clock.today() + timedelta(days=7)).isoformat()
    head = staff_app("zy_head")
    form = head.get("/zhongyuan/@@reception-days").forms["schedule-form"]
    form["leader"] = "zy_leader"
    form["leader_post"] = "局长<script>alert(1)</script>"
    form["field"] = "全面工作"
    form["date"] = day
    form.get("time", 0).value, form.get("time", 1).value = "09:00", "11:30"
    form["place"] = "中原区教育局一楼接待室"
    page = form.submit("save").follow()
    assert "公开栏目“接待日安排”已更新" in page.text
    public = anon.get("/public/reception")
    assert "中原区教育局一楼接待室" in public.text and "马卫东" in public.text
    assert "<script>alert(1)</script>" not in public.text
    assert "&lt;script&gt;" in public.text
    assert "近期接待日" in anon.get("/public/").text
    # invalid input is refused at the field and nothing is published
    form = head.get("/zhongyuan/@@reception-days").forms["schedule-form"]
    form["date"] = "明天"
    res = form.submit("save")
    assert "portal-form" not in res.forms and "schedule-form" in res.forms
    assert res.html.find(class_="is-invalid") is not None or "error" in res.text


def test_reception_scheduling_needs_the_units_own_petition_staff(staff_app):
    assert "schedule-form" in staff_app("zy_officer").get("/zhongyuan/@@reception-days").forms
    staff_app("js_officer").get("/zhongyuan/@@reception-days", status=403)
    page = staff_app("city_head").get("/zhongyuan/@@reception-days")  # the level above reads
    assert "schedule-form" not in page.forms


def test_rules_pages_are_edited_by_the_city_office_and_escaped(staff_app, anon):
    default = anon.get("/public/rules/time_limits")
    assert "60日内办结" in default.text
    officer = staff_app("city_officer")
    form = officer.get("/@@public-pages", {"page": "channels"}).forms["page-form"]
    form["body"] = "来信地址：郑州市某路1号\n<b>加粗</b>\n\n第二段"
    form.submit().follow()
    page = anon.get("/public/rules/channels")
    assert "&lt;b&gt;加粗&lt;/b&gt;" in page.text and "<b>加粗</b>" not in page.text
    assert page.html.find(id="page-title").find_next("p").find("br") is not None
    staff_app("zy_officer").get("/@@public-pages", status=403)
    anon.get("/public/rules/nothing", status=404)
