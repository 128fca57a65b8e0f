"""Step 16 takes the identity that older text indexing kept (a reply's addressee, a problem that
names the petitioner) out of the text index."""

from types import SimpleNamespace

from pyramid.threadlocal import manager

from portal.cases.evolution import step_16_identity_out_of_the_text_index
from portal.catalog import search, text_query
from tests.schemas import document_samples as samples


def test_step_16_reindexes_case_and_document_text_without_identity(app, site_of):
    from portal.cases.lifecycle import register_case
    from portal.documents.api import add_document
    from portal.time_limits import get_calendar

    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            values = dict(
                samples.APPSTRUCTS["registration"],
                is_group=False,
                representatives=[],
                problem="我是张某，学校收取资料费。",
            )
            case = register_case(
                site,
                values,
                "city_officer",
                app.registry["portal.workflows"]["case"],
                get_calendar(site),
                app.registry,
            )
            reply = add_document(
                case,
                "reply",
                dict(samples.APPSTRUCTS["reply"], addressee="张某"),
                "city_officer",
                registry=app.registry,
            )
            # what the text index held before: the raw values, the name included
            for obj, raw in ((case, case.problem), (reply, "答复意见书 张某 经调查")):
                site.catalog["text"].reindex_doc(
                    obj.__docid__, SimpleNamespace(searchable_text=lambda raw=raw: raw)
                )
            assert search(site, text_query(site, "张某")).total == 2
        with site_of(app, commit=True) as site:
            step_16_identity_out_of_the_text_index(site)
            assert search(site, text_query(site, "张某")).total == 0
            assert search(site, text_query(site, "资料费")).total == 1
            assert search(site, text_query(site, "经调查")).total == 1
    finally:
        manager.pop()
