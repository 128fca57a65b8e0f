"""Step 24 rewrites what older code stored as ``TranslationString``: workflow history titles
(cases, documents, reception days...), the public projections' channel titles and the
catalog's title values (a document's marked title), so the stored records name it no more."""

import shutil
from dataclasses import replace

from persistent import Persistent
from translationstring import TranslationString

from portal.catalog import discriminators
from portal.catalog.catalog import reindex_object
from portal.i18n import _
from portal.i18n.evolution import step_24_stored_texts_plain
from portal.testing.web import close_app, file_uri, make_app
from tests.storage.test_plain_values import classes_naming_translationstring


def current_records(app):
    """The data of the current revision of every object in the app's FileStorage."""
    storage = app.registry._zodb_databases[""].storage
    next_ = None
    while True:
        _oid, _tid, data, next_ = storage.record_iternext(next_)
        yield data
        if next_ is None:
            return


def mark_history(history):
    """Turn the history's titles into marked ones, as ``HistoryEntry`` used to keep them."""
    entries = []
    for entry in history:
        entry = replace(entry)
        object.__setattr__(entry, "transition_title", _(entry.transition_title))
        entries.append(entry)
    Persistent.__setattr__(history, "_entries", tuple(entries))


def store_the_old_way(site, monkeypatch):
    """What the code before step 24 stored, on every kind of record it touches."""
    types = {}
    for obj in site.docmap.values():
        holder = getattr(obj, "workflow_history", None) or getattr(obj, "history", None)
        kind = getattr(obj, "type_name", None)
        if holder is not None and kind not in types:
            types[kind] = obj
            mark_history(holder)
    assert {"case", "document"} <= set(types)
    day = next(iter(site.duties.days.values()))
    mark_history(day.history)

    store = site.public_area
    key, projection = next(iter(store.projections.items()))
    store.projections[key] = replace(projection, channel_title=_(projection.channel_title))

    # the title discriminator returned the document type's marked title as it was
    monkeypatch.setattr(discriminators, "plain", lambda value: value)
    index = site.catalog["title"]
    for docid, obj in site.docmap.items():
        if isinstance(getattr(obj, "title", None), TranslationString):
            index.unindex_doc(docid)
            reindex_object(obj, ("title",), site)
    monkeypatch.undo()
    return types["document"]


def test_step_24_leaves_no_translation_string_in_the_stored_records(
    tmp_path, story_db_dir, site_of, monkeypatch
):
    target = tmp_path / "db"
    shutil.copytree(story_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(target))
    try:
        with site_of(app, commit=True) as site:
            document = store_the_old_way(site, monkeypatch)
            title, docid = str(document.title), document.__docid__
        before = classes_naming_translationstring(current_records(app))
        assert "portal.workflow.history.WorkflowHistory" in before
        assert any("Bucket" in name or "Tree" in name for name in before)

        with site_of(app, commit=True) as site:
            done = step_24_stored_texts_plain(site)
        assert done["histories"] == 3 and done["projections"] == 1 and done["indexes"]["title"] > 0
        assert classes_naming_translationstring(current_records(app)) == {}

        with site_of(app) as site:
            index = site.catalog["title"]
            assert type(index._rev_index[docid]) is str
            assert docid in index._fwd_index[title]
            assert all(type(value) is str for value in index._fwd_index.keys())
            # idempotent: a second run finds nothing to do
            assert step_24_stored_texts_plain(site) == {"histories": 0, "projections": 0, "indexes": {}}
    finally:
        close_app(app)
