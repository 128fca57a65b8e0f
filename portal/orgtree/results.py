"""What one hit of the portal's search shows (``@@search``): what it is, and for a case or a
case's document the case number, the unit handling it and the state -- so that two documents
of the same title (two 信访事项登记表) are told apart at a glance.

``describe(request, obj)`` -> :class:`Hit`. A case's unit is its responsible unit once assigned,
else the unit that registered it; a document's state is its own (草稿 / 已签发), a case's its
workflow state's title.
"""

from dataclasses import dataclass

from pyramid.traversal import find_interface

from portal.resources import Site, Unit


@dataclass(frozen=True)
class Hit:
    url: str
    title: str
    what: str  # 信访事项, the document's type, or the unit's kind
    number: str = ""  # the case number, or the document's 文号 outside a case
    unit: str = ""
    state: str = ""
    subject: str = ""  # a document's case: its subject


def _case_state(request, case):
    from portal.workflow.engine import WORKFLOWS_KEY

    states = request.registry[WORKFLOWS_KEY]["case"].states
    state = states.get(case.workflow_state)
    return state.title if state is not None else ""


def _case_unit(case):
    from portal.cases.assignment import responsible_unit

    unit = responsible_unit(case) or find_interface(case.__parent__, Unit)
    return unit.title if unit is not None else ""


def describe(request, obj):
    """See the module docstring."""
    from portal.cases.resource import Case

    if isinstance(obj, Unit):
        url = request.resource_url(obj, "@@unit") if isinstance(obj, Site) else request.resource_url(obj)
        parent = obj.__parent__
        return Hit(
            url,
            obj.title,
            obj.kind_title,
            unit=parent.title if isinstance(parent, Unit) else "",
            state="" if getattr(obj, "active", True) else "已停用",
        )
    url = request.resource_url(obj)
    if isinstance(obj, Case):
        return Hit(url, obj.subject, "信访事项", obj.number, _case_unit(obj), _case_state(request, obj))
    case = find_interface(obj, Case)
    title = getattr(obj, "title", "") or ""
    state = getattr(obj, "state_title", "") or ""
    if case is not None:
        return Hit(url, title, "文书", case.number, _case_unit(case), state, case.subject)
    unit = find_interface(obj, Unit)
    return Hit(url, title, "文书", getattr(obj, "number", "") or "", unit.title if unit else "", state)
