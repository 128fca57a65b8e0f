"""The catalog's allowed principals and worklist tokens agree with the security policy,
including a workflow state's ``Deny Everyone`` (found by bench/cases.py: the catalog used to
check grants without Everyone, so a state's denial never applied to the index)."""
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from portal.catalog import allowed_query, search, text_query
from portal.testing.web import csrf_token, login


def test_officer_todo_has_no_handling_items_and_liaison_cannot_find_archived(app, register,
                                                                            add_docs, site_of,
                                                                            assign):
    from webtest import TestApp
    officer, liaison = TestApp(app), TestApp(app)
    login(officer, "city_officer")
    login(liaison, "zy_s01_liaison")
    path = register(officer, subject="归档一致性检查事项").location.replace("http://localhost", "")
    add_docs(path, "acceptance_notice")
    officer.post(path + "@@transition", {"transition": "accept", "csrf_token": csrf_token(officer)})
    assign(officer, path)
    # assigned: handling is the liaison's work, not the officer's
    assert "待办理" not in officer.get("/").text
    assert "待办理" in liaison.get("/").text
    # archive it; the liaison's view ends, and neither search nor the index may say otherwise
    manager.push({"registry": app.registry, "request": None})
    try:
        from portal.catalog import reindex_object
        from portal.workflow import acl_for_state
        with site_of(app, commit=True) as site:
            case = find_resource(site, path)
            case.workflow_state = "archived"
            case.__acl__ = acl_for_state(app.registry["portal.workflows"]["case"], "archived")
            reindex_object(case, None, site)
            from portal.catalog.subscribers import reindex_subtree
            reindex_subtree(case, ("allowed", "worklist_tokens"))  # as a real transition does
    finally:
        manager.pop()
    liaison.get(path, status=403)
    assert "归档一致性检查事项" not in liaison.get("/@@search", {"q": "归档一致性"}).text
    with site_of(app) as site:
        hits = search(site, text_query(site, "归档一致性") & allowed_query(site, ["zy_s01_liaison"]))
        assert hits.total == 0
