"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_1_add_missing_indexes(site):
    """Add catalog indexes declared in code that the stored catalog lacks, and fill them."""
    from portal.catalog.catalog import ensure_indexes, walk

    added = ensure_indexes(site)
    if added:
        for obj in walk(site):
            docid = getattr(obj, "__docid__", None)
            if docid is not None:
                for name in added:
                    site.catalog[name].index_doc(docid, obj)
    return added


def step_12_text_index_as_term_sets(site):
    """Replace the scored text index by a keyword index over the text's terms (one docid set
    per term, small leaves), and index every catalogued object's text into it."""
    from hypatia.keyword import KeywordIndex

    from portal.catalog.catalog import INDEXES

    if isinstance(site.catalog.get("text"), KeywordIndex):
        return 0
    index = INDEXES["text"]()
    site.catalog["text"] = index
    count = 0
    for docid, obj in site.docmap.items():
        index.index_doc(docid, obj)
        count += 1
    return count


def step_21_reindex_text_outside_the_bmp(site):
    """The text splitter knows the CJK ideographs outside the Basic Multilingual Plane now
    (issue 12, item 16): reindex the text of every object whose text holds one."""
    import re

    from portal.catalog.catalog import reindex_object, walk
    from portal.catalog.discriminators import text
    from portal.catalog.splitter import CJK_RANGES, OLD_CJK_RANGES

    new = re.compile(f"[{CJK_RANGES}]")
    old = re.compile(f"[{OLD_CJK_RANGES}]")
    for obj in walk(site):
        if getattr(obj, "__docid__", None) is None:
            continue
        value = text(obj, "")
        if isinstance(value, str) and any(not old.match(ch) for ch in new.findall(value)):
            reindex_object(obj, ("text",), site)


def step_22_write_less_per_registration(site):
    """Less written per change (issue 16, item 5): drop the indexes no query uses and stop
    every index from recording the documents it holds no value for (``compact.UNTRACKED``)."""
    from portal.catalog.catalog import RETIRED_INDEXES, untracked
    from portal.catalog.compact import Untracked

    catalog = site.catalog
    for name in RETIRED_INDEXES:
        if name in catalog:
            del catalog[name]
    for index in catalog.values():
        if not isinstance(getattr(index, "_not_indexed", None), Untracked):
            untracked(index)


def includeme(config):
    config.add_evolution_step(1, step_1_add_missing_indexes)
    config.add_evolution_step(12, step_12_text_index_as_term_sets)
    config.add_evolution_step(21, step_21_reindex_text_outside_the_bmp)
    config.add_evolution_step(22, step_22_write_less_per_registration)
