"""Reception days and the rules pages: edited by the right staff, shown escaped to the public."""
from datetime import timedelta


def test_reception_schedule_with_substitution(staff_app, anon, clock):
    day = (clock.today() + timedelta(days=7)).isoformat()
    head = staff_app("zy_head")
    form = head.get("/zhongyuan/@@reception-days").forms["reception-form"]
    form["on"] = day
    form["start"], form["end"] = "09:00", "11:30"
    form["leader_name"] = "陈国庆<script>alert(1)</script>"
    form["leader_post"] = "局长"
    form["field"] = "全面工作"
    form["place"] = "中原区教育局一楼接待室"
    page = form.submit("action", value="save").follow()
    assert "已保存接待日安排" in page.text
    public = anon.get("/public/reception")
    assert "中原区教育局一楼接待室" in public.text and "中原区教育局" in public.text
    assert "<script>alert(1)</script>" not in public.text
    assert "&lt;script&gt;" in public.text
    sub = [f for f in page.forms.values() if "substitute_name" in f.fields][0]
    sub["substitute_name"] = "刘副局长"
    sub["substitute_post"] = "副局长"
    sub["substitution_note"] = "经主要领导批准"
    sub.submit("action", value="substitute").follow()
    public = anon.get("/public/reception")
    assert "由 刘副局长 代为接待" in public.text and "经主要领导批准" in public.text
    assert "近期接待日" in anon.get("/public/").text
    # invalid input is refused at the field
    form = head.get("/zhongyuan/@@reception-days").forms["reception-form"]
    form["on"] = "明天"
    res = form.submit("action", value="save")
    assert "请填写日期" in res.text


def test_reception_editing_needs_manage_units(staff_app):
    staff_app("zy_officer").get("/zhongyuan/@@reception-days", status=403)
    staff_app("js_officer").get("/zhongyuan/@@reception-days", status=403)
    staff_app("city_head").get("/zhongyuan/@@reception-days", status=200)


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
