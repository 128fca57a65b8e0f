"""Who may act on a case, and the catalog queries for listings of cases (ledger, to-do).

Both follow the handling chain (``portal.cases.chain``) and the state maps of the case
workflow: :func:`people_who_may` names the people whose current grants give them a permission
on a case now (for notices); :func:`case_query` is the catalog query for the cases on which the
signed-in user holds a permission (see ``portal.catalog.relations``).
"""

from pyramid.threadlocal import get_current_registry

from portal.catalog.relations import RELATION_INDEXES, permitted_query
from portal.security.permissions import VIEW
from portal.security.relations import people_in_relation
from portal.workflow.engine import WORKFLOWS_KEY

WORKFLOW_ID = "case"


def case_workflow(registry=None):
    return (registry or get_current_registry())[WORKFLOWS_KEY][WORKFLOW_ID]


def holders(case, permission, state=None, registry=None):
    """``{(relation, role)}`` holding ``permission`` on ``case`` in ``state`` (default: now)."""
    workflow = case_workflow(registry)
    state = workflow.states[state or case.workflow_state]
    return frozenset(pair for pair in state.holders(permission) if pair[0] is not None)


def people_who_may(case, permission, state=None, registry=None):
    """Userids whose current grants give them ``permission`` on ``case`` (in ``state``)."""
    return people_in_relation(case, holders(case, permission, state, registry))


def people_on_worklists(case, registry=None):
    """``{userid: [worklist titles]}``: who finds ``case`` in their to-do now, and under what."""
    workflow = case_workflow(registry)
    found = {}
    for worklist in workflow.worklists.values():
        if case.workflow_state in worklist.states:
            for userid in people_who_may(case, worklist.permission, registry=registry):
                found.setdefault(userid, []).append(worklist.title)
    return found


def involved_people(case):
    """Userids of the units involved in ``case`` (told of a leader's ownership and warned of its
    5-day report, :mod:`portal.cases.ownership`): who may handle it now (the responsible and
    assisting units), and the registering unit's petition staff."""
    from portal.notifications.recipients import default_recipients

    from .chain import REGISTERING, resolve, units_in

    people = set(people_who_may(case, "handle_case"))
    for path in units_in(case, REGISTERING):
        unit = resolve(case, path)
        if unit is not None:
            people.update(default_recipients(unit))
    return sorted(people)


def case_query(request, permission=VIEW, states=None):
    """The catalog query for cases on which the signed-in user holds ``permission`` (in
    ``states``); None when their grants reach none."""
    return permitted_query(request, case_workflow(request.registry), permission, states)


def reindex_chain(event):
    """A ChainChanged subscriber: the case's relation tokens changed."""
    from pyramid.traversal import find_root

    from portal.catalog import reindex_object

    if hasattr(find_root(event.object), "catalog"):
        reindex_object(event.object, RELATION_INDEXES + ("responsible_unit",))
