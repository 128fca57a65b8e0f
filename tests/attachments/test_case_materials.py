"""A case's attachments through the pages, across levels: handling materials open to everyone
who may view the case (the school opens what it uploaded), the petitioner's materials only
with view_identity (audited); Word, Excel, OFD accepted by content; the uploaded name kept."""

from urllib.parse import quote

import pytest
from pyramid.traversal import find_resource
from webtest import Upload

from . import samples


@pytest.fixture
def at_school(flow):
    """A case the city assigned to 中原区第一中学 (reviewed by 基础教育处)."""
    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan/s01", "/jichu")
    return path


def upload(t, path, name, body, kind=None, description="", content_type="application/octet-stream"):
    form = t.get(path + "@@attachments").forms["attachment-form"]
    form["file"] = Upload(name, body, content_type)
    form["description"] = description
    if kind is not None:
        form["kind"] = kind
    return form.submit().follow()


DOCX = samples.docx()


def test_the_school_opens_the_handling_material_it_uploaded(flow, at_school, app, site_of):
    school = flow.user("zy_s01_liaison")
    page = upload(school, at_school, "调查核实情况.docx", DOCX, description="调查笔录")
    assert "已上传调查核实情况.docx" in page.text
    res = school.get(at_school + "@@attachment", {"n": "1"})
    assert res.body == DOCX
    assert res.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert res.headers["Content-Disposition"] == (
        "attachment; filename=\"attachment-1.docx\"; filename*=UTF-8''" + quote("调查核实情况.docx")
    )
    assert res.headers["Cache-Control"] == "no-store"
    # the city, and the county in between, open it too; nobody's identity view was logged
    for login in ("city_officer", "zy_officer"):
        assert flow.user(login).get(at_school + "@@attachment", {"n": "1"}).body == DOCX
    with site_of(app) as site:
        assert site.identity_audit.entries(10) == []


def test_the_petitioners_material_stays_behind_view_identity(flow, at_school, app, site_of):
    city = flow.user("city_officer")
    page = upload(city, at_school, "张三丰身份证.png", samples.PNG, kind="petitioner")
    assert "已上传附件1.png" in page.text and "张三丰" not in page.text
    school = flow.user("zy_s01_liaison")
    listing = school.get(at_school + "@@attachments").text
    assert "附件1.png" in listing and "张三丰" not in listing  # neither the name nor a link
    assert "@@attachment?n=1" not in listing
    school.get(at_school + "@@attachment", {"n": "1"}, status=403)
    res = city.get(at_school + "@@attachment", {"n": "1"})
    assert res.body == samples.PNG and quote("张三丰身份证.png") in res.headers["Content-Disposition"]
    with site_of(app) as site:
        entry = site.identity_audit.entries(1)[0]
        assert entry.fields == ("attachment", "附件1.png")  # the log keeps the neutral name


def test_a_school_may_upload_only_handling_materials(flow, at_school, app, site_of):
    school = flow.user("zy_s01_liaison")
    form = school.get(at_school + "@@attachments").forms["attachment-form"]
    assert [v for v, _sel, _t in form["kind"].options] == ["handling"]
    form["file"] = Upload("来信.pdf", samples.PDF, "application/pdf")
    fields = [(k, "letter" if k == "kind" else v) for k, v in form.submit_fields()]
    page = school.post(at_school + "@@attachments", fields + [("file", Upload("来信.pdf", samples.PDF))])
    assert "您只能上传办理材料" in page.follow().text
    with site_of(app) as site:
        assert not getattr(find_resource(site, at_school), "attachments", None)


def test_the_officer_must_say_what_kind_of_material(flow, at_school):
    city = flow.user("city_officer")
    form = city.get(at_school + "@@attachments").forms["attachment-form"]
    assert [v for v, _sel, _t in form["kind"].options] == ["", "petitioner", "letter", "handling"]
    assert "请选择材料类别" in upload(city, at_school, "a.pdf", samples.PDF).text


@pytest.mark.parametrize(
    "name, body, stored",
    [
        ("统计表.xlsx", samples.xlsx(), "统计表.xlsx"),
        ("旧版统计表.xls", samples.xls(), "旧版统计表.xls"),
        ("旧版报告.doc", samples.doc(), "旧版报告.doc"),
        ("电子公文.ofd", samples.ofd(), "电子公文.ofd"),
        ("扫描件.docx", samples.PDF, "扫描件.docx.pdf"),  # the content decides, not the name
    ],
)
def test_office_and_ofd_files_are_accepted_by_content(flow, at_school, name, body, stored):
    page = upload(flow.user("zy_s01_liaison"), at_school, name, body, content_type="image/png")
    assert f"已上传{stored}" in page.text


def test_a_program_named_docx_and_an_oversize_file_are_refused_in_chinese(flow, at_school):
    school = flow.user("zy_s01_liaison")
    page = upload(school, at_school, "报告.docx", b"MZ\x90\x00" + b"\x00" * 64)
    assert (
        "只能上传 JPG、PNG 图片、PDF 文件、Word 文档（doc、docx）、Excel 表格（xls、xlsx）或 OFD 版式文件"
        in page.text
    )
    page = upload(school, at_school, "大文件.pdf", samples.PDF + b"\x00" * (10 * 1024 * 1024))
    assert "单个附件不能超过10MB，请压缩或拆分后再上传" in page.text
    assert "尚无附件" in page.text
