"""The catalog's listings of cases agree with the security policy, for every demo account, every
state and every worklist: a case is in a user's ledger query exactly when the policy lets them
view it, and on a worklist exactly when the policy gives them the worklist's permission."""

from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from portal.catalog.relations import permitted_query
from portal.demo.populate import DEMO_ACCOUNTS
from portal.security.permissions import VIEW
from portal.testing.web import user_request


def test_listings_agree_with_the_policy_in_every_state(flow, app, site_of):
    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan", "/jichu")
    flow.assign("zy_officer", path, "/zhongyuan/s01", "/zhongyuan/jichu")
    workflow = app.registry["portal.workflows"]["case"]
    checked = 0
    for state in workflow.states:
        manager.push({"registry": app.registry, "request": None})
        try:
            with site_of(app, commit=True) as site:
                from portal.catalog import reindex_object

                case = find_resource(site, path)
                case.workflow_state = state
                reindex_object(case)
            with site_of(app) as site:
                case = find_resource(site, path)
                for login, *_rest in DEMO_ACCOUNTS:
                    request = user_request(app, site, login)
                    wanted = [(VIEW, None)] + [(wl.permission, wl) for wl in workflow.worklists.values()]
                    for permission, worklist in wanted:
                        states = worklist.states if worklist else None
                        query = permitted_query(request, workflow, permission, states)
                        indexed = query is not None and case.__docid__ in query.execute().ids
                        allowed = bool(request.has_permission(permission, case)) and (
                            worklist is None or state in worklist.states
                        )
                        assert indexed == allowed, (state, login, permission, worklist)
                        checked += 1
        finally:
            manager.pop()
    assert checked > 1000


def test_search_finds_only_what_the_user_may_view(flow):
    path = flow.instructed(subject="归档一致性检查事项")
    flow.assign("city_officer", path, "/zhongyuan/s01", "/jichu")
    for who, sees in (
        ("zy_s01_liaison", True),
        ("js_s01_liaison", False),
        ("zy_officer", True),
        ("js_officer", False),
    ):
        found = "归档一致性检查事项" in flow.user(who).get("/@@search", {"q": "归档一致性"}).text
        assert found == sees, who
