"""The one extension of at most 30 days, approved by a leader; attachments as blobs."""

import pytest
from pyramid.traversal import find_resource
from webtest import Upload

from portal.testing.web import csrf_token, login

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def path_of(res):
    return res.location.replace("http://localhost", "")


@pytest.fixture
def handling_case(flow):
    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan/s01", "/jichu")
    return path


def add_extension_docs(app, site_of, path, days):
    from pyramid.threadlocal import manager

    from portal.documents.api import add_document

    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            case = find_resource(site, path)
            add_document(
                case,
                "extension_approval",
                {"extension_days": days, "reasons": "涉及多个部门，需进一步调查"},
                "zy_s01_liaison",
                registry=app.registry,
            )
            add_document(case, "extension_notice", {"note": "告知"}, "zy_s01_liaison", registry=app.registry)
    finally:
        manager.pop()


def test_leader_approves_one_extension_only(app, site_of, handling_case):
    from webtest import TestApp

    path = handling_case
    leader, officer = TestApp(app), TestApp(app)
    login(leader, "city_leader")
    login(officer, "city_officer")
    page = leader.post(path + "@@extend", {"csrf_token": csrf_token(leader)}).follow()
    assert "延期前须填写：延期办理审批表、延期办理告知书" in page.text
    add_extension_docs(app, site_of, path, 20)
    with site_of(app) as site:
        before = find_resource(site, path).deadlines["handling"].due.due_date
    officer.post(path + "@@extend", {"csrf_token": csrf_token(officer)}, status=403)
    assert "批准延期20日？理由：涉及多个部门，需进一步调查" in leader.get(path + "@@extend").text
    page = leader.post(path + "@@extend", {"csrf_token": csrf_token(leader)}).follow()
    assert "已批准延期20日" in page.text
    with site_of(app) as site:
        case = find_resource(site, path)
        after = case.deadlines["handling"].due.due_date
        assert (after - before).days >= 20
        assert case.workflow_history[-1].transition == "extend"
    page = leader.post(path + "@@extend", {"csrf_token": csrf_token(leader)}).follow()
    assert "只能延期一次" in page.text


def test_extension_over_30_days_is_refused(app, site_of, handling_case):
    from webtest import TestApp

    leader = TestApp(app)
    login(leader, "city_leader")
    add_extension_docs(app, site_of, handling_case, 31)
    page = leader.post(handling_case + "@@extend", {"csrf_token": csrf_token(leader)}).follow()
    assert "延长期限不得超过30日" in page.text


def test_attachments_upload_limits_and_audited_download(app, site_of, register):
    from webtest import TestApp

    officer, liaison = TestApp(app), TestApp(app)
    login(officer, "city_officer")
    path = path_of(register(officer))
    form = officer.get(path + "@@attachments").forms["attachment-form"]
    form["file"] = Upload("张三丰的来信.pdf", PDF, "application/pdf")
    form["description"] = "来信扫描件"
    form["kind"] = "letter"
    assert "已上传附件1.pdf" in form.submit().follow().text
    listing = officer.get(path + "@@attachments").text
    assert "附件1.pdf" in listing and "张三丰" not in listing
    # a leader reads the list but uploads nothing: the upload needs work_on_case
    leader = TestApp(app)
    login(leader, "city_leader")
    assert "附件1.pdf" in leader.get(path + "@@attachments").text
    leader.post(
        path + "@@attachments",
        {"csrf_token": csrf_token(leader), "file": Upload("x.pdf", PDF, "application/pdf")},
        status=403,
    )
    form = officer.get(path + "@@attachments").forms["attachment-form"]
    form["file"] = Upload("evil.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    form["kind"] = "letter"
    assert "只能上传 JPG、PNG 图片、PDF 文件" in form.submit().follow().text
    form = officer.get(path + "@@attachments").forms["attachment-form"]
    form["file"] = Upload("big.png", PNG + b"\x00" * (10 * 1024 * 1024), "image/png")
    form["kind"] = "letter"
    assert "单个附件不能超过10MB" in form.submit().follow().text
    res = officer.get(path + "@@attachment", {"n": "1"})
    assert res.body == PDF and res.content_type == "application/pdf"
    with site_of(app) as site:
        assert len(find_resource(site, path).attachments) == 1
        assert site.identity_audit.entries(1)[0].fields == ("attachment", "附件1.pdf")
    login(liaison, "zy_s01_liaison")
    liaison.get(path + "@@attachment", {"n": "1"}, status=403)
    officer.get(path + "@@attachment", {"n": "9"}, status=404)
