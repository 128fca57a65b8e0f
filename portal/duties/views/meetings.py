"""Meeting minutes (第五章第三节): the list per year, and the form that picks people.

``<unit>/@@meetings`` lists the unit's meetings of a year by kind; ``<unit>/@@add-meeting``
and ``<document>/@@edit-meeting`` fill a 信访会议记录 whose host, recorder and attendees are
picked from the people directory (the unit, its offices, the petition staff below it); the
recordings are uploaded on the document's page (its attachments).
"""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.documents.api import add_document, update_document
from portal.documents.resource import Document, DocumentError
from portal.forms import validate
from portal.resources import Unit
from portal.security import permissions as P
from schemas.vocabularies import MEETING_KINDS

from .. import people
from ..dates import today
from ..forms import meeting_schema
from ..meetings import CODE, KIND_TITLES, meetings_of
from ..scope import duty_unit_of
from .common import FORM, form, form_page, people_choices, require, year_param


def _values(site, appstruct):
    """The document's values and the picked userids from the form's appstruct."""
    values = dict(appstruct)
    picked = sorted(values.pop("attendees") or ())
    others = (values.pop("other_attendees", None) or "").strip()
    names = [people.user_title(site, u) for u in picked]
    if others:
        names.append(others)
    values["attendees"] = "、".join(names)
    host, recorder = values["host"], values["recorder"]
    values["host"] = people.user_title(site, host)
    values["recorder"] = people.user_title(site, recorder)
    return values, {"host": host, "recorder": recorder, "attendees": tuple(picked), "others": others}


def _form_values(doc):
    picked = getattr(doc, "picked_people", None) or {}
    values = dict(doc.appstruct)
    values.update(
        host=picked.get("host", ""),
        recorder=picked.get("recorder", ""),
        attendees=set(picked.get("attendees", ())),
        other_attendees=picked.get("others", "" if picked else values.get("attendees")),
    )
    return values


@view_config(context=Unit, name="meetings", permission=P.VIEW, renderer="portal.duties:templates/meetings.pt")
def meetings_view(context, request):
    year = year_param(request)
    docs = meetings_of(request.root, context, year)
    counts = {
        code: sum(1 for d in docs if d.appstruct.get("meeting_kind") == code) for code, _t in MEETING_KINDS
    }
    return {
        "year": year,
        "docs": docs,
        "counts": counts,
        "kinds": MEETING_KINDS,
        "kind_titles": KIND_TITLES,
        "can_keep": people.may_keep(request, context),
        "years": list(range(today().year, today().year - 5, -1)),
    }


@view_config(context=Unit, name="add-meeting", permission=P.KEEP_DUTIES, renderer=FORM)
def add_meeting_view(context, request):
    unit = duty_unit_of(context) or context
    require(people.may_keep(request, unit))
    f = form(request, meeting_schema(), "保存", bind={"people": people_choices(unit)})
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context, "@@meetings"))
    title = "新增信访会议记录"
    intro = "出席人员从人员名单中选择；保存后可在会议记录页面上传录音、录像或照片。"
    if "save" in request.POST:
        appstruct, rendered = validate(f, request)
        if appstruct is None:
            return form_page(request, f, title, rendered, intro)
        values, picked = _values(request.root, appstruct)
        doc = add_document(context, CODE, values, request.authenticated_userid, request.registry)
        doc.picked_people = picked
        request.session.flash(f"已保存“{values['meeting_title']}”会议记录，可上传录音录像", "success")
        return HTTPFound(request.resource_url(doc))
    kind = request.params.get("kind")
    defaults = {
        "held_on": today(),
        "meeting_kind": kind if kind in KIND_TITLES else "regular",
        "confidentiality": "internal",
    }
    if kind in KIND_TITLES:
        defaults["meeting_title"] = f"{today().month}月份{KIND_TITLES[kind]}"
    return form_page(request, f, title, f.render(defaults), intro)


@view_config(context=Document, name="edit-meeting", permission=P.KEEP_DUTIES, renderer=FORM)
def edit_meeting_view(context, request):
    if context.code != CODE:
        return HTTPFound(request.resource_url(context, "@@edit"))
    container = context.__parent__
    unit = duty_unit_of(container) or container
    require(people.may_keep(request, unit))
    if context.frozen:
        request.session.flash("会议记录已签发，不能修改；如需更正，请生成新版本", "warning")
        return HTTPFound(request.resource_url(context))
    f = form(request, meeting_schema(), "保存", bind={"people": people_choices(unit)})
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context))
    title = "修改信访会议记录"
    if "save" in request.POST:
        appstruct, rendered = validate(f, request)
        if appstruct is None:
            return form_page(request, f, title, rendered)
        values, picked = _values(request.root, appstruct)
        try:
            update_document(context, values, request.authenticated_userid, request.registry)
        except DocumentError as exc:
            request.session.flash(str(exc), "danger")
            return HTTPFound(request.resource_url(context))
        context.picked_people = picked
        request.session.flash("已保存会议记录的修改", "success")
        return HTTPFound(request.resource_url(context))
    return form_page(request, f, title, f.render(_form_values(context)))
