"""Editing the reception documents the duties fill: a 接访日安排公示 follows its day (changed on
the day's page); a 领导接访登记表 is edited with the register form, the day's values kept."""

from pyramid.httpexceptions import HTTPFound
from pyramid.traversal import find_root
from pyramid.view import view_config

from portal.documents.api import update_document
from portal.documents.resource import Document, DocumentError
from portal.forms import validate
from portal.security import permissions as P

from .. import people
from ..forms import register_schema
from ..receptions.model import get_day
from ..receptions.register import day_values
from .common import FORM, form, form_page, require


def _day_of(doc):
    from portal.documents.api import versions

    day_id = getattr(versions(doc)[0], "reception_day", None)
    unit = doc.__parent__
    return get_day(find_root(doc), unit, day_id) if day_id else None


@view_config(context=Document, name="edit-reception", permission=P.KEEP_DUTIES, renderer=FORM)
def edit_reception_view(context, request):
    unit = context.__parent__
    day = _day_of(context)
    if day is None:
        request.session.flash("请在接待日安排页面选择接访日后登记或调整", "warning")
        return HTTPFound(request.resource_url(unit, "@@reception-days"))
    back = HTTPFound(request.resource_url(unit, "@@reception-day", query={"id": day.id}))
    if context.code == "reception_schedule":
        request.session.flash("接访日安排公示随接访日安排自动更新，请在接访日页面调整", "info")
        return back
    require(people.may_keep(request, unit))
    if context.frozen:
        request.session.flash("登记表已签发，不能修改；如需更正，请生成新版本", "warning")
        return HTTPFound(request.resource_url(context))
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    f = form(request, register_schema(), "保存")
    title = "修改领导接访登记表"
    if "save" in request.POST:
        appstruct, rendered = validate(f, request)
        if appstruct is None:
            return form_page(request, f, title, rendered)
        keep = {k: context.appstruct.get(k) for k in day_values(day)}
        try:
            update_document(context, dict(appstruct, **keep), request.authenticated_userid, request.registry)
        except DocumentError as exc:
            request.session.flash(str(exc), "danger")
        else:
            request.session.flash("已保存登记表的修改", "success")
        return HTTPFound(request.resource_url(context))
    return form_page(request, f, title, f.render(context.appstruct))


@view_config(context=Document, name="edit-duty", permission=P.VIEW)
def edit_duty_view(context, request):
    """A 信访工作领导小组组成 follows the recorded group: change it on the group's page."""
    request.session.flash("领导小组组成请在“信访工作领导小组”页面调整，文书随之更新", "info")
    return HTTPFound(request.resource_url(context.__parent__, "@@leading-group"))
