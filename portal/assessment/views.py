"""年度考评 pages: the ranked table of a bureau's units (the city: its counties, schools
rolled in; a county: its schools) with its xlsx export, and the assessment form of one unit."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.clock import today
from portal.forms import button, validate
from portal.i18n import _
from portal.layout.export import xlsx_response
from portal.reports.units import path_of
from portal.reports.views.common import clock_form, entry_redirect, require, resources
from portal.resources import Site, Unit
from portal.security import permissions as P
from schemas import get_document_type
from schemas.vocabularies import VETO_ITEMS

from .assess import (
    CODE,
    AssessmentError,
    assessment_doc,
    computed,
    initial_form,
    is_assessed,
    may_assess,
    save,
)
from .board import county_lines, direct_lines, school_lines
from .store import get_store

VETO_TITLES = dict(VETO_ITEMS)
COUNTY_HEADER = [
    "排名",
    _("县（市、区）"),
    _("本级得分"),
    _("所属学校已考评/应考评"),
    _("所属学校平均得分"),
    _("考评得分"),
    _("等次"),
    _("一票否决情形"),
]
UNIT_HEADER = ["排名", _("单位"), _("得分"), _("等次"), _("一票否决情形")]


def year_param(request):
    current = today().year
    try:
        year = int(request.params.get("year", current))
    except ValueError:
        return current
    return year if 2019 <= year <= current else current


def vetoes_text(line):
    return "、".join(VETO_TITLES.get(v, v) for v in line.row.veto_items) if line.vetoed else ""


@view_config(context=Site, name="assessment", permission=P.VIEW_HOME)
def assessment_entry(context, request):
    return entry_redirect(request, "@@assessment-board", _("年度考评"))


def _tables(context, request, year):
    site = request.root
    if context.__parent__ is None:
        return {
            "counties": county_lines(site, year),
            "units": direct_lines(site, year),
            "units_title": _("市直单位（局属单位、市属学校和高校）"),
        }
    if context.kind == "county_bureau":
        return {"counties": None, "units": school_lines(site, context, year), "units_title": _("所属学校")}
    return {"counties": None, "units": [], "units_title": ""}


@view_config(
    context=Unit, name="assessment-board", permission=P.VIEW, renderer="portal.assessment:templates/board.pt"
)
def board_view(context, request):
    year = year_param(request)
    data = _tables(context, request, year)
    data.update(
        year=year,
        years=list(range(today().year, 2018, -1)),
        vetoes_text=vetoes_text,
        can_assess=lambda unit: may_assess(request, unit),
        own=get_store(request.root).rows.get((year, path_of(context))),
    )
    return data


@view_config(context=Unit, name="assessment-export", permission=P.VIEW)
def board_export(context, request):
    year = year_param(request)
    data = _tables(context, request, year)
    sheets = []
    if data["counties"] is not None:
        sheets.append(
            (
                _("各县（市、区）排名"),
                COUNTY_HEADER,
                [
                    [
                        rank,
                        x.unit.title,
                        x.row.total if x.row else None,
                        f"{x.schools_assessed}/{x.schools_total}",
                        x.schools_average,
                        x.final,
                        x.grade,
                        vetoes_text(x) if x.row else "",
                    ]
                    for rank, x in data["counties"]
                ],
            )
        )
    sheets.append(
        (
            data["units_title"] or _("考评结果"),
            UNIT_HEADER,
            [
                [rank, x.unit.title, x.final, x.grade, vetoes_text(x) if x.row else ""]
                for rank, x in data["units"]
            ],
        )
    )
    return xlsx_response(f"{context.title}-{year}年度信访稳定工作考评.xlsx", sheets)


@view_config(
    context=Unit, name="assess", permission=P.ASSESS, renderer="portal.assessment:templates/assess.pt"
)
def assess_view(context, request):
    """The unit's assessment of ``?year=``: filled from the records, totals computed on save."""
    require(is_assessed(context) and may_assess(request, context))
    year = year_param(request)
    schema = get_document_type(CODE).schema()
    form = clock_form(request, schema, (button("save", _("保存并计算"), True),))
    form.action = request.resource_url(context, "@@assess", query={"year": year})
    doc = assessment_doc(context, year)
    store = get_store(request.root)
    path = path_of(context)
    page = dict(
        resources(request, form),
        title=f"{context.title}：{year}年度信访稳定工作考评",
        figures=computed(context, year),
        doc=doc,
        year=year,
        row=store.rows.get((year, path)),
        vetoes=store.vetoes.get((year, path), ()),
        veto_titles=VETO_TITLES,
    )
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            page["form"] = rendered
            return page
        try:
            doc, totals = save(context, year, appstruct, request)
        except AssessmentError as exc:
            request.session.flash(str(exc), "danger")
            page["form"] = form.render(appstruct)
            return page
        note = _("；一票否决，已记录取消当年评先推优资格") if totals.vetoed else ""
        request.session.flash(f"已保存考评表，本单位得分{totals.total}分（{totals.grade}）{note}", "success")
        return HTTPFound(form.action)
    user = getattr(request.identity, "title", "")
    page["form"] = form.render(doc.appstruct if doc is not None else initial_form(context, year, user))
    return page
