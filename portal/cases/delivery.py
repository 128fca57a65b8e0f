"""Recording that the written reply reached the petitioner (登记送达).

The review window counts from that day (``portal.time_limits.review_window``). The reply form
already asks for the day of delivery; when the reply went by post and the day was not known,
whoever may reply (``conclude_case``) records it here once it is -- method and day -- and the
record is written to the case history.
"""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal import clock
from portal.deadlines import DeadlineError
from portal.forms import button, make_form, validate
from portal.resources.events import ObjectModified
from portal.security import permissions as P
from portal.workflow.history import HistoryEntry
from schemas import fields as f
from schemas import vocabularies as voc

from .resource import Case

DELIVERABLE_STATES = ("replied", "rated")


class DeliverySchema(f.Form):
    delivery = f.choice("送达方式", voc.DELIVERY_METHODS)
    delivered_on = f.date("送达日期", description="信访人收到书面答复的日期（以送达回证、签收记录为准）")


def may_record_delivery(request, case):
    return case.workflow_state in DELIVERABLE_STATES and bool(request.has_permission(P.CONCLUDE_CASE, case))


@view_config(
    context=Case,
    name="record-delivery",
    renderer="portal.layout:templates/form.pt",
    permission=P.CONCLUDE_CASE,
)
def record_delivery_view(context, request):
    from portal.time_limits import get_calendar, review_window

    form = make_form(request, DeliverySchema(), (button("save", "登记送达", True), button("cancel", "取消")))
    title = f"登记送达 {context.number}"
    if "cancel" in request.POST or context.workflow_state not in DELIVERABLE_STATES:
        if context.workflow_state not in DELIVERABLE_STATES:
            request.session.flash("答复之后才能登记送达", "warning")
        return HTTPFound(request.resource_url(context))
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return {"title": title, "form": rendered}
        actor = request.authenticated_userid
        try:
            delivery = review_window.record_delivery(
                context, appstruct["delivery"], appstruct["delivered_on"], get_calendar(request.root), actor
            )
        except DeadlineError as exc:
            request.tm.doom()
            request.session.flash(str(exc), "danger")
            return HTTPFound(request.resource_url(context, "@@record-delivery"))
        until = review_window.review_until(context)
        context.workflow_history.append(
            HistoryEntry(
                actor=actor,
                when=clock.now(),
                transition="record_delivery",
                transition_title="登记送达",
                comment=f"书面答复{delivery.text}；复查申请期限至 {until.display}",
                from_state=context.workflow_state,
                to_state=context.workflow_state,
            )
        )
        request.registry.notify(ObjectModified(context, ("deadline_due",)))
        request.session.flash(f"已登记送达：{delivery.text}，复查申请期限至 {until.display}", "success")
        return HTTPFound(request.resource_url(context))
    current = getattr(context, "reply_delivery", None)
    values = (
        {"delivery": current.method, "delivered_on": current.on}
        if current is not None
        else {"delivered_on": clock.today()}
    )
    return {"title": title, "form": form.render(values)}
