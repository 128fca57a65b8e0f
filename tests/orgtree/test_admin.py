"""Administrators add, rename, move and (de)activate units; import and export the tree."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook
from webtest import Upload

from portal.testing.web import csrf_token, login


@pytest.fixture
def admin(testapp):
    login(testapp, "admin")
    return testapp


def test_add_unit_through_the_form(admin, site_of, app):
    form = admin.get("/zhongyuan/@@add-unit").forms["portal-form"]
    form["title"] = "中原区第九中学"
    form["kind"] = "school"
    form["name"] = "s09"
    res = form.submit("save", status=302)
    assert res.location == "http://localhost/zhongyuan/s09/"
    assert "已新增机构“中原区第九中学”" in res.follow().text
    with site_of(app) as site:
        assert site["zhongyuan"]["s09"].kind == "school"
    login(admin, "zy_officer")
    assert "中原区第九中学" in admin.get("/zhongyuan/").text  # indexed with inherited grants


def test_add_unit_errors_are_chinese_and_keep_input(admin, site_of, app):
    form = admin.get("/zhongyuan/@@add-unit").forms["portal-form"]
    form["title"] = "甲"
    form["name"] = "S 9"
    res = form.submit("save", status=200)
    assert "名称至少2个字" in res.text and "标识只能由小写字母" in res.text
    assert 'value="甲"' in res.text
    form = admin.get("/zhongyuan/@@add-unit").forms["portal-form"]
    form["title"], form["kind"], form["name"] = "重复的学校", "school", "s01"
    res = form.submit("save", status=200)
    assert "已被同级机构使用" in res.text and 'value="重复的学校"' in res.text
    with site_of(app) as site:
        assert site["zhongyuan"]["s01"].title == "中原区第一中学"


def test_kind_must_fit_the_parent(admin):
    res = admin.post(
        "/zhongyuan/@@add-unit",
        {
            "title": "假的县局",
            "kind": "county_bureau",
            "name": "",
            "code": "",
            "save": "1",
            "csrf_token": csrf_token(admin),
        },
    )
    assert "不能设在这一级机构之下" in res.text


def test_rename_move_and_deactivate(admin, site_of, app):
    token = csrf_token(admin)
    admin.post(
        "/zhongyuan/s05/@@edit-unit",
        {"title": "中原区外国语小学", "code": "ZY05", "save": "1", "csrf_token": token},
        status=302,
    )
    moved = admin.post(
        "/zhongyuan/s05/@@move-unit", {"target": "/jinshui", "save": "1", "csrf_token": token}, status=302
    )
    assert moved.location == "http://localhost/jinshui/s009/"
    assert "原标识已被占用，新标识为 s009" in moved.follow().text
    confirm = admin.get("/jinshui/s009/@@set-active", {"active": "0"})
    assert "确定要停用“中原区外国语小学”吗？" in confirm.text
    admin.post("/jinshui/s009/@@set-active", {"active": "0", "csrf_token": token}, status=302).follow()
    with site_of(app) as site:
        unit = site["jinshui"]["s009"]
        assert "s05" not in site["zhongyuan"]
        assert (unit.title, unit.code, unit.active) == ("中原区外国语小学", "ZY05", False)
    listing = admin.get("/jinshui/")
    assert "中原区外国语小学" not in listing.text
    assert "中原区外国语小学" in admin.get("/jinshui/", {"inactive": "1"}).text
    # the county head of 金水 now manages it; 中原's head no longer does
    login(admin, "zy_head")
    admin.get("/jinshui/s009/", status=403)


def test_move_offers_only_managed_parents_of_a_fitting_kind(testapp):
    login(testapp, "zy_head")
    form = testapp.get("/zhongyuan/s01/@@move-unit").forms["portal-form"]
    assert [v for v, *_ in form["target"].options] == []  # 中原's head manages no other county
    res = testapp.post(
        "/zhongyuan/s01/@@move-unit", {"target": "/jinshui", "save": "1", "csrf_token": csrf_token(testapp)}
    )
    assert "请选择有效的目标上级机构" in res.text


def test_the_root_cannot_be_moved_or_deactivated(admin, site_of, app):
    admin.post("/@@set-active", {"active": "0", "csrf_token": csrf_token(admin)}, status=302)
    with site_of(app) as site:
        assert site.active


def test_export_xlsx_and_csv(admin):
    res = admin.get("/zhongyuan/@@export-tree", {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(res.body)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("上级路径", "标识", "名称", "类型", "机构代码", "状态")
    assert ("/zhongyuan", "s01", "中原区第一中学", "学校", None, "启用") in rows
    assert len(rows) == 1 + 3 + 5
    text = admin.get("/zhongyuan/@@export-tree", {"format": "csv"}).body.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][0] == "/zhongyuan"


def xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["上级路径", "标识", "名称", "类型", "机构代码", "状态"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(admin, path, filename, data):
    form = admin.get(path + "@@import-tree").forms["import-form"]
    form["file"] = Upload(filename, data)
    return form.submit(expect_errors=True)


def test_import_creates_and_updates_all_rows(admin, site_of, app):
    data = xlsx(
        [
            ["/zhongyuan", "s06", "中原区第六小学", "学校", "ZY06", "启用"],
            ["/zhongyuan", "s01", "中原区第一中学（改）", "学校", "ZY01", "停用"],
        ]
    )
    res = upload(admin, "/zhongyuan/", "tree.xlsx", data)
    assert res.status_int == 302
    assert "新增 1 个机构，更新 1 个机构" in res.follow().text
    with site_of(app) as site:
        assert site["zhongyuan"]["s06"].title == "中原区第六小学"
        assert not site["zhongyuan"]["s01"].active


def test_bad_file_reports_every_row_and_imports_nothing(admin, site_of, app):
    data = xlsx(
        [
            ["/zhongyuan", "s07", "中原区第七小学", "学校", "", "启用"],  # fine
            ["/zhongyuan", "S8", "好名字", "学校", "", "启用"],  # bad key
            ["/nowhere", "s09", "中原区第九小学", "学校", "", "启用"],  # no parent
            ["/zhongyuan", "s10", "某", "县（市、区）教育局", "", "开放"],  # many
            ["/zhongyuan", "s01", "中原区第一中学", "处（科）室", "", "启用"],
        ]
    )  # kind change
    res = upload(admin, "/", "bad.xlsx", data)
    assert res.status_int == 400
    assert "没有导入任何数据" in res.text
    for expected in (
        "第 3 行",
        "标识“S8”无效",
        "第 4 行",
        "上级机构“/nowhere”不存在",
        "第 5 行",
        "名称应为2至80个字",
        "状态只能填",
        "第 6 行",
        "不能改为“处（科）室”",
    ):
        assert expected in res.text
    assert "第 2 行" not in res.text
    with site_of(app) as site:
        assert "s07" not in site["zhongyuan"]


def test_import_outside_own_subtree_is_refused(testapp, site_of, app):
    login(testapp, "zy_head")
    data = xlsx([["/jinshui", "s07", "金水区第七小学", "学校", "", "启用"]])
    res = upload(testapp, "/zhongyuan/", "x.xlsx", data)
    assert "不在当前机构（/zhongyuan）之下" in res.text
    with site_of(app) as site:
        assert "s07" not in site["jinshui"]


@pytest.mark.parametrize(
    "filename,data,message",
    [
        ("tree.txt", b"x", "只支持 .xlsx 或 .csv 文件"),
        ("tree.xlsx", b"not a zip", "无法读取该 xlsx 文件"),
        ("tree.csv", "名称,类型\n".encode(), "第1行必须是表头"),
    ],
)
def test_unreadable_files_get_a_chinese_message(admin, filename, data, message):
    assert message in upload(admin, "/zhongyuan/", filename, data).text


def test_csv_import_in_gb18030(admin, site_of, app):
    text = "上级路径,标识,名称,类型,机构代码,状态\n/zhongyuan,s08,中原区第八小学,学校,,启用\n"
    assert upload(admin, "/zhongyuan/", "t.csv", text.encode("gb18030")).status_int == 302
    with site_of(app) as site:
        assert site["zhongyuan"]["s08"].title == "中原区第八小学"


def test_officer_cannot_import_or_export(testapp):
    login(testapp, "zy_officer")
    testapp.get("/zhongyuan/@@import-tree", status=403)
    testapp.get("/zhongyuan/@@export-tree", status=403)
