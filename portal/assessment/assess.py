"""Assessing one unit for one year: who may, the form filled from the records, saving it.

Contract:

* :func:`may_assess` -- the petition office (or an assessor) of the level above assesses a
  unit: a role of :data:`ASSESSOR_ROLES` granted on the unit's receiving unit itself (the
  county for its schools, the city for the counties and the units directly under it).
* :func:`initial_form` -- the ``annual_assessment`` form with one indicator per input of
  ``inputs.INPUTS``, in order, its computed score and the rate it came from; inputs without
  records yet start at full marks for the assessor to judge.
* :func:`save` -- the indicators of the inputs must stay (their names and full marks); the
  computed scores are recomputed on the server (what the form sent back is ignored), and a
  score that differs from its computed one needs a reason; the totals, the county's roll-up and
  the grade are computed (``scoring``) and stored in the document and in the store's row; a
  veto set, changed or lifted appends a :class:`~.store.VetoRecord`. The document is the
  unit's draft ``annual_assessment`` of the year (a signed one is refused: correct it first).
  Saving a school's assessment refreshes its county's draft roll-up.
"""

from pyramid.traversal import find_resource, resource_path

from portal.clock import now, today
from portal.documents.api import add_document, latest_versions, update_document
from portal.reports.units import county_path, path_of, receiving_unit, roles_on
from portal.security.roles import role_ids

from . import scoring
from .inputs import ASSESSED_KINDS, INPUTS
from .store import AssessmentRow, VetoRecord, get_store

CODE = "annual_assessment"
ASSESSOR_ROLES = frozenset(role_ids("assessor", "office"))
PENDING_REMARK = "暂无系统数据，由考评人员评定"


class AssessmentError(ValueError):
    """A refused save; ``str()`` is the Chinese reason."""


def is_assessed(unit):
    return (
        getattr(unit, "type_name", None) == "unit"
        and unit.__parent__ is not None
        and unit.kind in ASSESSED_KINDS
    )


def may_assess(request, unit):
    above = receiving_unit(unit) if is_assessed(unit) else None
    return above is not None and bool(ASSESSOR_ROLES & roles_on(above, request.user_principals))


def computed(unit, year):
    """[(input, rate or None, computed score or None)] in the order of the inputs."""
    out = []
    for item in INPUTS.values():
        rate = item.rate(unit, year)
        score = scoring.indicator_score(item.max_score, rate.value) if rate is not None else None
        out.append((item, rate, score))
    return out


def assessment_doc(unit, year):
    """The unit's current ``annual_assessment`` of ``year``, or None."""
    for doc in latest_versions(unit, CODE):
        if doc.appstruct.get("year") == year:
            return doc
    return None


def initial_form(unit, year, assessor_title=""):
    indicators = []
    for item, _rate, score in computed(unit, year):
        indicators.append(
            {
                "indicator": item.title,
                "max_score": item.max_score,
                "computed_score": score,
                "score": score if score is not None else item.max_score,
                "remark": "" if score is not None else PENDING_REMARK,
            }
        )
    return {
        "year": year,
        "assessed_unit": unit.title,
        "quantitative": indicators,
        "veto_items": frozenset(),
        "assessors": assessor_title,
        "assessed_on": today(),
    }


def _check(appstruct, figures):
    """Put the server's computed scores in; raise AssessmentError for a changed input or an
    adjustment without its reason."""
    indicators = appstruct.get("quantitative") or []
    for position, (item, _rate, score) in enumerate(figures):
        given = indicators[position] if position < len(indicators) else None
        if given is None or (given["indicator"], given["max_score"]) != (item.title, item.max_score):
            raise AssessmentError(f"系统指标“{item.title}”（分值{item.max_score}）不能删除或修改名称、分值")
        given["computed_score"] = score
        if score is not None and given["score"] != score and not given.get("remark"):
            raise AssessmentError(f"“{item.title}”的得分与系统计算得分（{score}）不一致，须说明调整理由")


def _schools(site, county, year, rows=None):
    rows = rows if rows is not None else get_store(site).year_rows(year)
    return [
        (r.total, r.vetoed)
        for r in rows.values()
        if r.kind == "school" and r.county == county and r.unit_path != county
    ]


def fill_totals(unit, year, appstruct):
    """Write the computed totals, roll-up and grade into ``appstruct``; return the Totals."""
    totals = scoring.unit_totals(appstruct)
    appstruct.update(
        quantitative_total=totals.quantitative,
        qualitative_total=totals.qualitative,
        total=totals.total,
        schools_average=None,
        final_score=totals.total,
        grade=totals.grade,
    )
    if unit.kind == "county_bureau":
        site = _root(unit)
        average, final = scoring.county_result(totals.total, _schools(site, path_of(unit), year))
        appstruct.update(
            schools_average=average, final_score=final, grade=scoring.grade_of(final, totals.vetoed)
        )
    return totals


def _root(node):
    while node.__parent__ is not None:
        node = node.__parent__
    return node


def consequence(unit, year):
    return f"取消{unit.title}相关领导、责任人{year}年度教育系统内评先推优资格"


def save(unit, year, appstruct, request):
    """Store the assessment (see the module contract); returns (document, totals)."""
    appstruct = dict(appstruct, year=year, assessed_unit=unit.title)
    _check(appstruct, computed(unit, year))
    totals = fill_totals(unit, year, appstruct)
    actor, when = request.authenticated_userid, now()
    doc = assessment_doc(unit, year)
    if doc is not None and doc.frozen:
        raise AssessmentError(f"{year}年度考评表已签发（{doc.number}），如需更正，请在考评表页面生成新版本")
    if doc is None:
        doc = add_document(unit, CODE, appstruct, actor, registry=request.registry)
    else:
        update_document(doc, appstruct, actor, registry=request.registry)
    site = request.root
    store = get_store(site)
    path = path_of(unit)
    old = store.rows.get((year, path))
    items = tuple(sorted(appstruct.get("veto_items") or ()))
    store.rows[(year, path)] = AssessmentRow(
        path,
        unit.title,
        unit.kind,
        county_path(unit),
        totals.quantitative,
        totals.qualitative,
        totals.total,
        items,
        totals.grade,
        resource_path(doc),
        when,
        actor,
    )
    if items != (old.veto_items if old is not None else ()):
        store.record_veto(
            year,
            path,
            VetoRecord(
                items,
                appstruct.get("veto_details") or "",
                consequence(unit, year) if items else "撤销一票否决",
                actor,
                when,
            ),
        )
    if unit.kind == "school":
        _refresh_county(site, county_path(unit), year, actor, request.registry)
    return doc, totals


def _refresh_county(site, county, year, actor, registry):
    """A school's result changed: its county's draft assessment shows the new roll-up."""
    try:
        unit = find_resource(site, county)
    except KeyError:
        return
    doc = assessment_doc(unit, year) if county != "/" else None
    if doc is None or doc.frozen:
        return
    values = dict(doc.appstruct)
    fill_totals(unit, year, values)
    if values != doc.appstruct:
        update_document(doc, values, actor, registry=registry, comment="所属学校考评结果变化，重新汇总")
