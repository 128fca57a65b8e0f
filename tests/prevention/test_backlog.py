"""Long-unresolved cases (积案): open past their limits or repeated petitions appear on the list
of every unit above them, get an owner and a plan from the petition office, and leave the list
at their procedural end."""

import datetime

from pyramid.traversal import find_resource

from .conftest import PETITIONER, YEAR, at

OTHER = {
    "name": "李四",
    "id_number": "410102198503121236",
    "phone": "13900001111",
    "address": "郑州市中原区伏牛路1号",
}


def _due(app, site_of, path, name="acceptance_notice"):
    with site_of(app) as site:
        return find_resource(site, path).deadlines[name].due.due_date


def _day_after(day):
    return at(day + datetime.timedelta(days=1), 10)


def test_overdue_cases_are_listed_owned_and_leave_at_their_procedural_end(
    app, site_of, signed_in, register_case, clock, notices
):
    officer = signed_in("zy_officer")
    path = register_case(officer, "/zhongyuan", "反映某中学违规收费问题", petitioner=OTHER)
    due = _due(app, site_of, path)
    clock.set(_day_after(due - datetime.timedelta(days=1)))  # on the due date: not yet overdue
    assert path not in officer.get("/zhongyuan/@@backlog").text
    clock.set(_day_after(due))  # the day after: open past its limit
    listing = officer.get("/zhongyuan/@@backlog")
    assert path in listing.text and "超期未办结（超期1日）" in listing.text and "待确定" in listing.text
    assert path in signed_in("city_officer").get("/@@backlog").text
    signed_in("js_officer").get("/zhongyuan/@@backlog", status=403)
    assert path not in signed_in("js_officer").get("/jinshui/@@backlog").text

    # the petition office names the owner (a leader of the unit or the unit above) and the plan
    signed_in("zy_s01_liaison").get(f"{path}@@backlog-plan", status=403)
    form = officer.get(f"{path}@@backlog-plan").forms["portal-form"]
    assert [o[0] for o in form["owner"].options] == [
        "",
        "zy_deputy",
        "zy_leader",
        "city_deputy",
        "city_leader",
        "city_leader2",
    ]
    form["owner"] = "zy_leader"
    form["plan"] = "约谈学校负责人，限期退还费用并书面答复信访人。"
    form.set("date", str(due + datetime.timedelta(days=20)))
    form.submit("save", status=302)
    listing = officer.get("/zhongyuan/@@backlog")
    assert "马卫东" in listing.text and "约谈学校负责人" in listing.text

    # the procedural end (here: not accepted) takes it off the list
    from pyramid.threadlocal import manager

    from portal.documents.api import add_document

    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            add_document(
                find_resource(site, path),
                "decline_notice",
                {"note": "x"},
                "zy_officer",
                registry=app.registry,
            )
    finally:
        manager.pop()
    officer.post(
        f"{path}@@transition",
        {"csrf_token": officer.token, "transition": "decline", "comment": "不属于本单位职权范围"},
        status=302,
    )
    assert path not in officer.get("/zhongyuan/@@backlog").text
    with site_of(app) as site:
        entry = site.prevention.backlog[find_resource(site, path).__docid__]
        assert not entry.is_open and entry.closed_state == "declined"


def test_repeated_petitions_are_listed_before_any_limit_passes(app, site_of, signed_in, register_case, clock):
    officer = signed_in("zy_officer")
    first = register_case(officer, "/zhongyuan", "反映某中学违规收费问题")
    second = register_case(officer, "/zhongyuan", "再次反映某中学违规收费问题", confirm_new=True)
    other = register_case(officer, "/zhongyuan", "反映某小学食堂卫生问题", petitioner=OTHER)
    clock.set(_day_after(_due(app, site_of, first) - datetime.timedelta(days=3)))
    listing = officer.get("/zhongyuan/@@backlog").text
    assert first in listing and second in listing and other not in listing
    assert "重复信访（另有1件）" in listing
    assert PETITIONER["name"] not in listing  # no petitioner on the list


def test_the_export_holds_the_listed_cases(app, site_of, signed_in, register_case, clock):
    import io

    from openpyxl import load_workbook

    officer = signed_in("zy_officer")
    path = register_case(officer, "/zhongyuan", "反映某中学违规收费问题", petitioner=OTHER)
    clock.set(_day_after(_due(app, site_of, path) + datetime.timedelta(days=4)))
    book = load_workbook(io.BytesIO(officer.get("/zhongyuan/@@backlog-export").body))
    rows = [[c.value for c in r] for r in book["积案清单"].iter_rows()]
    assert rows[0][:5] == ["信访事项编号", "事由", "所属单位", "当前状态", "列入原因"]
    assert len(rows) == 2 and rows[1][4] == "超期未办结（超期5日）"


def test_only_the_units_own_limits_make_a_case_long_unresolved(app, site_of, signed_in, clock):
    """A replied case whose petitioner let the 30 days for a review pass is waiting to be
    archived, not unresolved: only the limits units owe (acceptance, handling, the answers to
    review requests) count; a case left in handling past its limit does."""
    from tests.public.seeding import FULL, SECOND, Seeder

    seed = Seeder(app)
    replied = seed(
        person=SECOND, subject="反映校车接送时间问题", steps=FULL, received_on=datetime.date(YEAR, 3, 2)
    )
    handling = seed(subject="反映学校违规收费问题", steps=FULL[:3], received_on=datetime.date(YEAR, 3, 2))
    with site_of(app) as site:
        window = find_resource(site, replied).deadlines["review_request"].due.due_date
        limit = find_resource(site, handling).deadlines["handling"].due.due_date
    clock.set(_day_after(max(window, limit)))
    listing = signed_in("zy_officer").get("/zhongyuan/@@backlog").text
    assert handling in listing and replied not in listing
