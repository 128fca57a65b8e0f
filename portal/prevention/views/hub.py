"""排查与风险: the entry of the navigation and a unit's page of its prevention work."""

from pyramid.view import view_config

from portal.clock import today
from portal.reports.risks import ledger_lines
from portal.reports.units import may_file
from portal.reports.views.common import entry_redirect
from portal.resources import Site, Unit
from portal.security import permissions as P

from ..backlog import backlog_lines
from ..decisions import may_decide, register_lines


@view_config(context=Site, name="prevention", permission=P.VIEW_HOME)
def prevention_entry(context, request):
    return entry_redirect(request, "@@prevention-hub", "排查与风险")


@view_config(
    context=Unit, name="prevention-hub", permission=P.VIEW, renderer="portal.prevention:templates/hub.pt"
)
def hub_view(context, request):
    day = today()
    risks = ledger_lines(request, context, day=day)
    decisions = register_lines(request, context)
    return {
        "risks_open": sum(1 for x in risks if x.values.get("status") != "resolved"),
        "risks_overdue": sum(1 for x in risks if x.overdue),
        "risks_major": sum(
            1 for x in risks if x.values.get("risk_level") == "high" and x.values.get("status") != "resolved"
        ),
        "backlog": len(backlog_lines(request, context, day)),
        "decisions": len(decisions),
        "decisions_waiting": sum(1 for x in decisions if x.decision.workflow_state == "assessed"),
        "can_file": may_file(request, context),
        "can_decide": may_decide(request, context),
    }
