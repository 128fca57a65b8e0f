"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_24_stored_texts_plain(site):
    """Stored texts are plain ``str``, never a ``TranslationString``: rewrite the history entries
    and public projections that kept a marked title, and reindex the catalog values that were one
    (a document's title)."""
    from portal.catalog.catalog import reindex_marked_values
    from portal.public.projection import plain_projections
    from portal.workflow.history import WorkflowHistory, plain_texts

    histories = 0
    for obj in _history_holders(site):
        for name in ("workflow_history", "history"):
            history = getattr(obj, name, None)
            if isinstance(history, WorkflowHistory) and plain_texts(history):
                histories += 1
    public = getattr(site, "public_area", None)
    projections = plain_projections(public) if public is not None else 0
    return {"histories": histories, "projections": projections, "indexes": reindex_marked_values(site)}


def _history_holders(site):
    """Every object that may keep a workflow history, once: the tree and what the catalog holds
    (cases, documents, reports...), and the duties' records (reception days, leading groups)."""
    from portal.catalog.catalog import walk
    from portal.duties.store import CONTAINERS

    seen = set()
    candidates = [walk(site), site.docmap.values()]
    duties = getattr(site, "duties", None)
    if duties is not None:
        candidates += [getattr(duties, name).values() for name in CONTAINERS if hasattr(duties, name)]
    for group in candidates:
        for obj in group:
            key = getattr(obj, "_p_oid", None) or id(obj)
            if key not in seen:
                seen.add(key)
                yield obj


def includeme(config):
    config.add_evolution_step(24, step_24_stored_texts_plain)
