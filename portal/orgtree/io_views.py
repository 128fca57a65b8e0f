"""Views for exporting a subtree (through ``portal.layout.export``) and importing units from an
uploaded xlsx/CSV file."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.layout.export import csv_response, xlsx_response
from portal.resources import Unit
from portal.security import permissions as P

from . import io as tree_io

MAX_UPLOAD = 5 * 1024 * 1024


@view_config(context=Unit, name="export-tree", permission=P.MANAGE_UNITS)
def export_tree(context, request):
    rows = tree_io.export_rows(context)
    if request.params.get("format", "xlsx") == "csv":
        return csv_response(f"{context.title}-机构.csv", tree_io.HEADER, rows)
    return xlsx_response(f"{context.title}-机构.xlsx", [("机构", tree_io.HEADER, rows)])


@view_config(context=Unit, name="import-tree", renderer="templates/import.pt", permission=P.MANAGE_UNITS)
def import_tree(context, request):
    result = {"errors": [], "file_error": None}
    if request.method != "POST":
        return result
    upload = request.POST.get("file")
    if upload is None or not hasattr(upload, "file"):
        result["file_error"] = "请选择要导入的文件"
        return result
    data = upload.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        result["file_error"] = "文件不能超过5MB"
        return result
    try:
        rows = tree_io.read_rows(upload.filename, data)
    except tree_io.ImportFileError as exc:
        result["file_error"] = str(exc)
        return result
    plan = tree_io.plan_import(context, rows)
    if plan.errors:
        result["errors"] = plan.errors
        request.response.status = 400
        return result
    created, updated = tree_io.apply_import(context, plan, request.registry)
    request.session.flash(f"导入完成：新增 {created} 个机构，更新 {updated} 个机构", "success")
    return HTTPFound(
        request.resource_url(context, "@@unit")
        if context.__parent__ is None
        else request.resource_url(context)
    )


def includeme(config):
    config.scan(__name__)
