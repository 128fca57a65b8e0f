"""第五章第三节: meeting minutes with people picked from the directory and recordings attached
(the attachments every document can now take)."""

import datetime

from .conftest import at

DAY = datetime.date(2026, 11, 12)
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x0f" + b"\x00" * 2048
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 512


def add_meeting(
    t,
    path="/zhongyuan",
    attendees=("zy_leader", "zy_deputy", "zy_officer"),
    others="",
    kind="regular",
    status=302,
    day=DAY,
):
    form = t.get(f"{path}/@@add-meeting", {"kind": kind}).forms["portal-form"]
    form["meeting_title"] = "11月份信访工作例会"
    form["date"] = day.isoformat()
    form["place"] = "第一会议室"
    form["host"] = "zy_leader"
    form["recorder"] = "zy_officer"
    form["attendees"].force_value(list(attendees))
    form["other_attendees"] = others
    form["agenda"] = "通报本月信访情况"
    form["content"] = "各科室汇报。"
    return form.submit("save", status=status)


def test_attendees_are_picked_and_written_into_the_minutes(user, clock, opened):
    clock.set(at(DAY, 17))
    page = add_meeting(user("zy_officer"), others="市信访局某同志").follow()
    assert "可上传录音录像" in page.text
    with opened() as site:
        [doc] = [d for d in site["zhongyuan"].values() if getattr(d, "code", "") == "meeting_minutes"]
        assert doc.appstruct["attendees"] == "马丽娟、马卫东、刘洋、市信访局某同志"
        assert doc.appstruct["host"] == "马卫东" and doc.appstruct["recorder"] == "刘洋"
        assert doc.picked_people["attendees"] == ("zy_deputy", "zy_leader", "zy_officer")
        row = site.duties.meeting_months[("2026-11", site["zhongyuan"].__docid__)]
        assert row.count("regular") == 1 and row.group_meetings == ()
    listing = user("zy_officer").get("/zhongyuan/@@meetings", {"year": "2026"})
    assert "11月份信访工作例会" in listing.html.find(id="meeting-list").text


def test_people_outside_the_directory_are_refused(user, clock, opened):
    clock.set(at(DAY, 17))
    page = add_meeting(user("zy_officer"), attendees=("zy_leader", "js_officer"), status=200)
    assert "出席人员须从人员名单中选择" in page.text
    with opened() as site:
        assert not [d for d in site["zhongyuan"].values() if getattr(d, "code", "") == "meeting_minutes"]


def test_only_the_units_petition_staff_keep_its_minutes(user, clock):
    clock.set(at(DAY, 17))
    for login in ("city_head", "zy_leader", "zy_s01_liaison"):
        user(login).get("/zhongyuan/@@add-meeting", status=403)
    user("js_officer").get("/zhongyuan/@@add-meeting", status=403)
    # the generic document form sends a meeting to the page that picks people
    res = user("zy_officer").get("/zhongyuan/@@add-document", {"code": "meeting_minutes"})
    assert res.status_int == 302 and "@@add-meeting" in res.location


def _doc_path(opened, code="meeting_minutes"):
    from pyramid.traversal import resource_path

    with opened() as site:
        [doc] = [d for d in site["zhongyuan"].values() if getattr(d, "code", "") == code]
        return resource_path(doc)


def upload(t, path, body, name="录音.mp3", status=302):
    page = t.get(path)
    form = page.forms[[k for k, f in page.forms.items() if "file" in f.fields][0]]
    form["file"] = (name, body)
    form["description"] = "会议录音"
    return form.submit(status=status)


def test_recordings_are_attached_to_the_minutes(user, clock, opened):
    clock.set(at(DAY, 17))
    officer = user("zy_officer")
    add_meeting(officer)
    path = _doc_path(opened)
    page = upload(officer, path, MP3).follow()
    assert "已上传录音.mp3" in page.text  # minutes carry no identity: the uploaded name is shown
    assert "录音.mp3" in page.html.find(id="attachments").text
    res = officer.get(path + "/@@attachment", {"n": "1"})
    assert res.body == MP3 and res.content_type == "audio/mpeg"
    page = upload(officer, path, b"MZ\x90\x00not a recording", name="x.mp3").follow()
    assert "未能上传：只能上传" in page.text
    # who may read the minutes may hear them; who may not read them may not
    assert user("city_leader2").get(path + "/@@attachment", {"n": "1"}).body == MP3
    user("js_officer").get(path + "/@@attachment", {"n": "1"}, status=403)
    # only the unit's fillers upload
    t = user("zy_leader")
    t.post(path + "/@@attach", {"csrf_token": t.token}, upload_files=[("file", "a.mp3", MP3)], status=403)
    with opened() as site:
        from pyramid.traversal import find_resource

        doc = find_resource(site, path)
        assert [a.name for a in doc.attachments.values()] == ["附件1.mp3"]
        assert "上传附件" in [h.transition_title for h in doc.history]


def test_a_registers_recording_needs_the_identity_right_and_is_audited(user, clock, opened):
    from .test_receptions import _register, day_of, schedule

    clock.set(at(DAY))
    officer = user("zy_officer")
    schedule(officer, "/zhongyuan", DAY)
    clock.set(at(DAY, 15))
    _register(officer, day_of(opened))
    path = _doc_path(opened, "reception_register")
    upload(officer, path, PDF, name="scan.pdf")
    with opened() as site:
        before = len(site.identity_audit)
    assert officer.get(path + "/@@attachment", {"n": "1"}).body == PDF
    with opened() as site:
        assert len(site.identity_audit) == before + 1
        entry = site.identity_audit.entries(1)[0]
        assert entry.userid == "zy_officer" and entry.fields == ("attachment", "附件1.pdf")
    user("city_leader2").get(path + "/@@attachment", {"n": "1"}, status=403)  # no view_identity
