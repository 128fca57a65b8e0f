"""On a case's page: the leaders' instructions and their feedback, the major matter handed up,
and why a joint review (会审) is required (第四章第二节, 第五章第一节④).

POST ``@@instruction-feedback`` (the people handling the case), ``@@raise-up`` (the registering
unit's petition staff and leaders), ``@@acknowledge-raised`` (the petition staff of the bureau
it was raised to)."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.cases.resource import Case
from portal.security import permissions as P
from portal.security.roles import role_ids

from .. import instructions as ins
from .common import require

STAFF = role_ids("office")
LEADERS = role_ids("leader")


def may_feed_back(request, case):
    return any(request.has_permission(p, case) for p in (P.HANDLE_CASE, P.ASSIGN_CASE, P.CONCLUDE_CASE))


def may_raise(request, case):
    from portal.cases.chain import REGISTERING, user_relation_roles

    return any(
        rel == REGISTERING and role in STAFF + LEADERS for rel, role in user_relation_roles(request, case)
    )


def may_acknowledge(request, case):
    from pyramid.traversal import find_resource

    from portal.escalation.tree import petition_offices
    from portal.reports.units import roles_on

    for r in ins.raised_of(case):
        if r.acknowledged_at is not None:
            continue
        try:
            unit = find_resource(request.root, r.to_unit)
        except KeyError:
            continue
        for node in [unit] + list(petition_offices(request.root, unit)):
            if set(STAFF) & roles_on(node, request.user_principals):
                return True
    return False


def case_panel(case, request):
    from portal.cases.conditions import joint_review_grounds
    from portal.workflow.config import documents_present

    from ..people import user_title

    items = ins.instructions_of(case)
    raised = ins.raised_of(case)
    grounds = joint_review_grounds(case)
    return {
        "instructions": items,
        "pending": [i for i in items if i.pending],
        "raised": raised,
        "grounds": grounds,
        "minutes": "joint_review_minutes" in documents_present(case),
        "may_feed_back": may_feed_back(request, case),
        "may_raise": may_raise(request, case) and not any(r.acknowledged_at is None for r in raised),
        "may_acknowledge": may_acknowledge(request, case),
        "person": lambda u: user_title(request.root, u),
    }


def _done(request, case, work, message):
    try:
        work()
    except ins.InstructionError as exc:
        request.session.flash(str(exc), "danger")
    else:
        request.session.flash(message, "success")
    return HTTPFound(request.resource_url(case) + "#case-duties")


@view_config(context=Case, name="instruction-feedback", permission=P.WORK_ON_CASE, request_method="POST")
def feedback_view(context, request):
    require(may_feed_back(request, context))
    return _done(
        request,
        context,
        lambda: ins.feed_back(
            context, request.POST.get("result", ""), request.authenticated_userid, request.registry
        ),
        "已向批示领导反馈办理结果",
    )


@view_config(context=Case, name="raise-up", permission=P.RAISE_CASE, request_method="POST")
def raise_view(context, request):
    require(may_raise(request, context))
    return _done(
        request,
        context,
        lambda: ins.raise_up(
            context, request.POST.get("note", ""), request.authenticated_userid, request.registry
        ),
        "已报上级，上级信访部门和领导已收到通知",
    )


@view_config(context=Case, name="acknowledge-raised", permission=P.RAISE_CASE, request_method="POST")
def acknowledge_view(context, request):
    require(may_acknowledge(request, context))
    return _done(
        request,
        context,
        lambda: ins.acknowledge(context, request.authenticated_userid),
        "已阅知下级上报的重大事项",
    )
