"""The catalog on the real demo database: text, subtree, and the allowed index."""

import transaction
from hypatia.query import Eq
from pyramid.threadlocal import manager

from portal.catalog import allowed_query, search, text_query
from portal.security import localroles
from portal.security.principals import user_principal as U


def titles(site, query):
    return sorted(o.title for o in search(site, query).all())


def test_chinese_text_query_finds_units(app, site_of):
    with site_of(app) as site:
        found = titles(site, text_query(site, "幼儿园"))
        assert "中原区幼儿园" in found and "金水区幼儿园" in found
        assert all("幼儿园" in t for t in found) and len(found) == 16
        assert titles(site, text_query(site, "中原区幼儿园")) == ["中原区幼儿园"]
        assert titles(site, text_query(site, "不存在的学校")) == []


def test_subtree_and_allowed_filter(app, site_of):
    with site_of(app) as site:
        subtree = Eq(site.catalog["path"], "/zhongyuan")
        assert len(search(site, subtree).all()) == 1 + 3 + 5
        mine = allowed_query(site, [U("zy_officer")])
        assert {o.__name__ for o in search(site, mine).all()} >= {"zhongyuan", "s01"}
        assert not any(o.__name__ == "jinshui" for o in search(site, mine).all())


def test_grant_reindexes_the_subtree(app, site_of):
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            localroles.grant(site["jinshui"], U("newcomer"), "petition_officer", app.registry)
        with site_of(app) as site:
            seen = search(site, allowed_query(site, [U("newcomer")])).all()
            assert {o.__name__ for o in seen} == {
                "jinshui",
                "xinfangke",
                "bangongshi",
                "jichu",
                "s01",
                "s02",
                "s03",
                "s04",
                "s05",
            }
        with site_of(app, commit=True) as site:
            localroles.revoke(site["jinshui"], U("newcomer"), "petition_officer", app.registry)
        with site_of(app) as site:
            assert search(site, allowed_query(site, [U("newcomer")])).total == 0
    finally:
        manager.pop()
        transaction.abort()


def test_move_reindexes_paths_and_permissions(app, site_of):
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            site["zhongyuan"].move("s05", site["jinshui"], "s99", registry=app.registry)
        with site_of(app) as site:
            moved = search(site, Eq(site.catalog["path"], "/jinshui/s99")).all()
            assert [o.title for o in moved] == ["中原区第三小学"]
            assert search(site, Eq(site.catalog["path"], "/zhongyuan/s05")).total == 0
            js = {o.__name__ for o in search(site, allowed_query(site, [U("js_officer")])).all()}
            zy = {o.__name__ for o in search(site, allowed_query(site, [U("zy_officer")])).all()}
            assert "s99" in js and "s99" not in zy
    finally:
        manager.pop()


def test_the_role_table_shortcut_agrees_with_the_acls(app, site_of):
    """Where only the root's ACL applies, ``allowed`` reads the role table instead of asking
    the ACL for every principal (a grant on a county reindexes its ~200 units): same answer."""
    from portal.catalog import discriminators as d
    from portal.catalog.catalog import walk
    from portal.security.localroles import effective_grants

    with site_of(app) as site:
        units = [u for u in walk(site) if getattr(u, "type_name", None) == "unit"]
        assert len(units) > 100
        for unit in units:
            assert d._only_the_root_acl(unit)
            fast = d.allowed(unit, None) or []
            assert sorted(fast) == sorted(d.allowed_by_acl(unit, effective_grants(unit))), unit
