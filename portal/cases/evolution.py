"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_5_case_identity_and_counters(site):
    """Store the identity salt (for the same-matter check), the identity audit log and the
    case-number counters. (New catalog indexes come with step 1 on new sites; a later index
    needs a step of its own that calls ``step_1_add_missing_indexes``.)"""
    import secrets

    if not getattr(site, "identity_salt", None):
        site.identity_salt = secrets.token_hex(32)
    from portal.cases.audit import get_audit_log
    from portal.cases.numbering import counters

    get_audit_log(site)
    counters(site)


def step_15_handling_chain(site):
    """Cases keep their handling chain and derive access from it (issue 11): build each
    stored case's chain from its registering and responsible units, drop the grants that
    assignment used to copy onto it, and index cases by relation tokens instead of by
    principals (a grant on a unit then reindexes no case)."""
    from portal.cases.chain import JOINED, REGISTERING, RESPONSIBLE, REVIEWING, ChainEntry
    from portal.catalog.catalog import ensure_indexes, reindex_object, walk
    from portal.catalog.relations import RELATION_INDEXES

    ensure_indexes(site)
    indexes = ("grants_path", "allowed", "worklist_tokens", "local_principals") + RELATION_INDEXES
    for obj in walk(site):
        if getattr(obj, "type_name", None) == "case" and not getattr(obj, "chain_record", ()):
            entries = [
                ChainEntry(obj.registering_unit, REGISTERING, JOINED, obj.registered_by, obj.created, "登记")
            ]
            assigned = [e for e in obj.workflow_history if e.transition == "assign"]
            if obj.responsible_unit and obj.responsible_unit != obj.registering_unit:
                last = assigned[-1] if assigned else None
                actor, when = (last.actor, last.when) if last else (obj.registered_by, obj.created)
                entries.append(
                    ChainEntry(obj.responsible_unit, RESPONSIBLE, JOINED, actor, when, "交办（迁移）")
                )
                # the opinion is reviewed by the registering unit's own staff (⑤): old
                # assignments named no business department
                entries.append(
                    ChainEntry(obj.registering_unit, REVIEWING, JOINED, actor, when, "交办（迁移）")
                )
            obj.chain_record = tuple(entries)
            for name in ("__local_roles__", "assignment_grants"):
                obj.__dict__.pop(name, None)
            obj._p_changed = True
        if getattr(obj, "__docid__", None) is not None:
            reindex_object(obj, indexes, site)


def step_16_identity_out_of_the_text_index(site):
    """The text index never holds a petitioner's identity, not even where a document's or a
    case's free text repeats it (issue 12, item 8): reindex the text of every case and
    document, which now masks those values (a reply's addressee among them)."""
    from portal.catalog.catalog import reindex_object, walk

    for obj in walk(site):
        if (
            getattr(obj, "type_name", None) in ("case", "document")
            and getattr(obj, "__docid__", None) is not None
        ):
            reindex_object(obj, ("text",), site)


def includeme(config):
    config.add_evolution_step(5, step_5_case_identity_and_counters)
    config.add_evolution_step(15, step_15_handling_chain)
    config.add_evolution_step(16, step_16_identity_out_of_the_text_index)
