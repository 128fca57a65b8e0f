"""Views for exporting a subtree and importing units from an uploaded xlsx/CSV file."""
from urllib.parse import quote

from pyramid.httpexceptions import HTTPFound
from pyramid.response import Response
from pyramid.view import view_config

from portal.resources import Unit
from portal.security import permissions as P

from . import io as tree_io

MAX_UPLOAD = 5 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@view_config(context=Unit, name="export-tree", permission=P.MANAGE_UNITS)
def export_tree(context, request):
    fmt = request.params.get("format", "xlsx")
    rows = tree_io.export_rows(context)
    if fmt == "csv":
        body, ctype, ext = tree_io.to_csv(rows), "text/csv; charset=utf-8", "csv"
    else:
        body, ctype, ext = tree_io.to_xlsx(rows), XLSX, "xlsx"
    filename = quote(f"{context.title}-机构.{ext}")
    return Response(body=body, content_type=ctype.split(";")[0],
                    charset="utf-8" if ext == "csv" else None,
                    content_disposition=f"attachment; filename*=UTF-8''{filename}")


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
    return HTTPFound(request.resource_url(context, "@@unit") if context.__parent__ is None
                     else request.resource_url(context))


def includeme(config):
    config.scan(__name__)
