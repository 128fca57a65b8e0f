"""Every hand-over reaches people: a notice (bell, and mail by their preference) to whoever
finds the case in their to-do after it moved, and to the unit holding it when it is reminded,
supervised or owned by a leader.

Who is told is computed from the handling chain and the state maps (``access``): the people
whose current grants put the case on one of their worklists now -- the responsible unit's
liaison after 交办, the reviewing department after 提交处理意见, the leaders after 受理 (待阅批),
the unit it went back to after 退回 or 收回. The actor is never told of their own step. Notices
name the case by its number, never the petitioner (see ``portal.notifications.centre``).
"""

from pyramid.traversal import find_root, resource_path

from portal.i18n import _
from portal.i18n.parts import joined
from portal.notifications.centre import notify
from portal.notifications.kinds import TASK, Kind

from .access import people_on_worklists, people_who_may

SUPERVISION = Kind("case_supervision", _("催办、督办"))


def _site(case):
    site = find_root(case)
    return site if hasattr(site, "users") else None


def on_transition(event):
    """AfterTransition: tell the people who now find the case in their to-do."""
    case = event.object
    if getattr(case, "type_name", None) != "case":
        return
    site = _site(case)
    if site is None:
        return
    registry = getattr(event.request, "registry", None)
    for userid, titles in people_on_worklists(case, registry).items():
        if userid == event.actor:
            continue
        title = _(
            "信访事项 ${number} ${lists}（${transition}）",
            mapping={"number": case.number, "lists": joined(titles), "transition": event.transition.title},
        )
        notify(
            site, [userid], TASK.code, title, body=event.comment, url=resource_path(case), registry=registry
        )


#: Relations a unit can join without a transition (a request filed, an assisting unit named).
JOINING = ("review_body", "rereview_body", "assisting")


def on_chain_changed(event):
    """ChainChanged: a unit that joined without a transition (the body a 复查 request goes to)
    is told if the case now waits for it."""
    from portal.security.relations import people_in_relation

    from .access import case_workflow
    from .chain import JOINED

    case = event.object
    site = _site(case)
    joined = {e.relation for e in event.entries if e.action == JOINED and e.relation in JOINING}
    if site is None or not joined or getattr(case, "workflow_state", None) is None:
        return
    registry = getattr(event.request, "registry", None)
    workflow = case_workflow(registry)
    state = workflow.states[case.workflow_state]
    for worklist in workflow.worklists.values():
        if case.workflow_state not in worklist.states:
            continue
        wanted = {pair for pair in state.holders(worklist.permission) if pair[0] in joined}
        people = people_in_relation(case, wanted) if wanted else []
        notify(
            site,
            people,
            TASK.code,
            _("信访事项 ${number} ${list}", mapping={"number": case.number, "list": worklist.title}),
            url=resource_path(case),
            registry=registry,
        )


def holders_now(case, registry=None):
    """The people who hold the case now: those it waits for, else the responsible unit's."""
    people = set(people_on_worklists(case, registry))
    if not people:
        people = set(people_who_may(case, "handle_case", "handling", registry))
    return sorted(people)


def tell_holders(case, actor, what, body="", registry=None):
    """A reminder, supervision or ownership notice to the people holding the case now."""
    site = _site(case)
    if site is None:
        return []
    people = [u for u in holders_now(case, registry) if u != actor]
    return notify(
        site,
        people,
        SUPERVISION.code,
        _("信访事项 ${number} ${what}", mapping={"number": case.number, "what": what}),
        body=body,
        url=resource_path(case),
        registry=registry,
    )
