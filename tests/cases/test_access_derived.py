"""Access to a case is derived from its chain at request time, never copied: a grant reindexes
no case, a changed workflow file reaches every stored case, and old databases are migrated."""

import shutil
from pathlib import Path

from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from portal.security.principals import user_principal as U


class Reindexed:
    """Records the docids every catalog index (re)indexes while it is installed."""

    def __init__(self, monkeypatch):
        from hypatia.field import FieldIndex
        from hypatia.keyword import KeywordIndex
        from hypatia.text import TextIndex

        self.docids = []
        for cls in (FieldIndex, KeywordIndex, TextIndex):
            for name in ("index_doc", "reindex_doc"):
                original = getattr(cls, name)
                monkeypatch.setattr(cls, name, self._wrap(original))

    def _wrap(self, original):
        def recording(index, docid, obj):
            self.docids.append(docid)
            return original(index, docid, obj)

        return recording


def test_a_grant_on_a_county_reindexes_no_case_and_takes_effect_at_once(flow, app, site_of, monkeypatch):
    from portal.identity.users import User
    from portal.security.localroles import grant, revoke

    paths = [flow.instructed(subject=f"第{n}件：反映食堂问题", confirm_new=bool(n)) for n in range(3)]
    for path in paths:
        flow.assign("city_officer", path, "/zhongyuan/s01")
    county_case = flow.register("zy_officer", "/zhongyuan", subject="区里登记的事项")
    with site_of(app) as site:
        case_ids = {find_resource(site, p).__docid__ for p in paths + [county_case]}
        numbers = [find_resource(site, p).number for p in paths + [county_case]]
    record = Reindexed(monkeypatch)
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            user = site.users.add(User("zy_new_head", "新任科长"))
            user.set_password("Demo-2026-xinfang")
            grant(site["zhongyuan"], U("zy_new_head"), "petition_head", app.registry)
    finally:
        manager.pop()
    assert record.docids, "the grant reindexed the county's own units"
    assert not case_ids & set(record.docids), "a grant must reindex no case"
    home, ledger = flow.home("zy_new_head"), flow.ledger("zy_new_head", "/zhongyuan")
    assert numbers[-1] in home  # 待受理: the county registered it
    assert all(n in ledger for n in numbers) and "共 4 件" in ledger
    record.docids.clear()
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            revoke(site["zhongyuan"], U("zy_new_head"), "petition_head", app.registry)
    finally:
        manager.pop()
    assert not case_ids & set(record.docids)
    flow.user("zy_new_head").get(paths[0], status=403)
    flow.user("zy_new_head").get("/zhongyuan/@@cases", status=403)


def test_blocking_inheritance_cuts_off_the_units_above(flow, app, site_of):
    from portal.security.localroles import set_block_inheritance

    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan/s01")
    flow.user("zy_officer").get(path, status=200)  # above the school: oversees it
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            set_block_inheritance(site["zhongyuan"]["s01"], True, app.registry)
    finally:
        manager.pop()
    flow.user("zy_officer").get(path, status=403)
    assert "共 0 件" in flow.ledger("zy_officer", "/zhongyuan")
    assert flow.user("city_officer").get(path).status_int == 200  # it registered the case
    assert flow.user("zy_s01_liaison").get(path).status_int == 200


def test_a_changed_permission_map_reaches_every_stored_case(demo_db_dir, tmp_path, site_of):
    """Change a state's map in the workflow file, restart: stored cases follow the new map."""
    import workflows
    from portal.testing.web import close_app, file_uri, make_app
    from tests.cases.conftest import Flow

    original = Path(workflows.__file__).parent
    changed = tmp_path / "workflows"
    shutil.copytree(original, changed)
    text = (changed / "case.toml").read_text(encoding="utf-8")
    marker = 'view = ["registering:@staff", "registering:@leaders", "above:@staff", "above:@chief_leaders"]'
    assert text.count(marker) >= 1
    # in 已登记, the registering unit's leaders no longer see the case
    text = text.replace(marker, 'view = ["registering:@staff", "above:@staff"]', 1)
    (changed / "case.toml").write_text(text, encoding="utf-8")

    db = tmp_path / "db"
    shutil.copytree(demo_db_dir, db, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(db))
    try:
        flow = Flow(app, site_of)
        path = flow.register()
        assert flow.user("city_leader").get(path).status_int == 200
    finally:
        close_app(app)
    app = make_app(file_uri(db), **{"portal.workflows_dir": str(changed)})
    try:
        flow = Flow(app, site_of)
        flow.user("city_leader").get(path, status=403)
        assert flow.user("city_officer").get(path).status_int == 200
        assert "共 1 件" in flow.ledger("city_officer") and "共 0 件" in flow.ledger("city_leader")
    finally:
        close_app(app)


def test_the_evolve_step_builds_chains_and_drops_copied_grants(flow, app, site_of):
    """A case stored before chains existed: assigned with the responsible unit's grants copied
    onto it (and so in the units index, which broke 报表 for the school)."""
    from BTrees.OOBTree import OOBTree

    from portal.cases.evolution import step_15_handling_chain
    from portal.catalog import reindex_object

    path = flow.instructed()
    flow.assign("city_officer", path, "/zhongyuan/s01")
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            case = find_resource(site, path)
            case.chain_record = ()  # as stored by the old code
            case.__local_roles__ = OOBTree({U("zy_s01_liaison"): ("unit_liaison",)})
            case.assignment_grants = ((U("zy_s01_liaison"), "unit_liaison"),)
            reindex_object(case)
            assert U("zy_s01_liaison") in site.catalog["local_principals"]._rev_index.get(case.__docid__, ())
            step_15_handling_chain(site)
            step_15_handling_chain(site)  # idempotent
    finally:
        manager.pop()
    with site_of(app) as site:
        case = find_resource(site, path)
        from portal.cases import chain

        assert chain.sequence(case) == ("/", "/zhongyuan/s01")
        assert not getattr(case, "__local_roles__", None)
        assert "assignment_grants" not in case.__dict__
        assert case.__docid__ not in site.catalog["local_principals"]._rev_index
    assert flow.user("zy_s01_liaison").get(path).status_int == 200
    assert flow.user("zy_s01_liaison").get("/@@reports").status_int == 302
