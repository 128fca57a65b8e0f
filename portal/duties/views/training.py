"""Training (第五章第五节): a unit's coverage, its sessions, the records fed back to it
(``@@training``), and filing a session (``@@add-training``, the unit's petition staff)."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.forms import validate
from portal.resources import Unit
from portal.security import permissions as P

from .. import people
from ..dates import today
from ..forms import training_schema
from ..records import unit_documents
from ..scope import duty_unit_of, is_bureau, is_duty_unit
from ..training import RECORD, TrainingError, coverage, file_training, plan_of, sessions_of, trainee_pool
from .common import FORM, form, form_page, require, year_param


@view_config(context=Unit, name="training", permission=P.VIEW, renderer="portal.duties:templates/training.pt")
def training_view(context, request):
    if not is_duty_unit(context):
        owner = duty_unit_of(context)
        if owner is not None:
            return HTTPFound(request.resource_url(owner, "@@training"))
    site = request.root
    year = year_param(request)
    records = [
        d
        for d in unit_documents(site, context, RECORD)
        if d.appstruct.get("end_on") and d.appstruct["end_on"].year == year
    ]
    records.sort(key=lambda d: (d.appstruct["end_on"], d.__name__), reverse=True)
    return {
        "year": year,
        "coverage": coverage(site, context, year),
        "sessions": sessions_of(site, context, year),
        "records": records,
        "plan": plan_of(site, context, year) if is_bureau(context) else None,
        "bureau": is_bureau(context),
        "can_keep": people.may_keep(request, context),
        "years": list(range(today().year, today().year - 5, -1)),
    }


@view_config(context=Unit, name="add-training", permission=P.KEEP_DUTIES, renderer=FORM)
def add_training_view(context, request):
    require(people.may_keep(request, context))
    choices = [(u, f"{n}（{t}）") for u, n, t in trainee_pool(context)]
    f = form(request, training_schema(), "登记培训", bind={"trainees": choices})
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(context, "@@training"))
    title = "登记信访业务培训"
    intro = (
        "举办单位登记一次培训及参训人员；每名参训人员的《信访业务培训登记表》"
        "将存入其所在单位并通知该单位（反馈原单位）。"
    )
    if "save" in request.POST:
        appstruct, rendered = validate(f, request)
        if appstruct is None:
            return form_page(request, f, title, rendered, intro)
        trainees = sorted(appstruct.pop("trainees"))
        try:
            session = file_training(
                context, appstruct, trainees, request.authenticated_userid, request.registry
            )
        except TrainingError as exc:
            request.session.flash(str(exc), "danger")
            return form_page(request, f, title, f.render(dict(appstruct, trainees=set(trainees))), intro)
        request.session.flash(
            f"已登记培训“{session.course}”，{len(session.trainees)}名参训人员的培训情况已反馈所在单位",
            "success",
        )
        return HTTPFound(request.resource_url(context, "@@training", query={"year": session.year}))
    return form_page(request, f, title, f.render({"result": "passed"}), intro)
