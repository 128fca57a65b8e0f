"""The evolve steps themselves. Never change a released step; add a new one."""


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


def step_2_install_holiday_calendar(site):
    """Store the holiday calendar on the site, seeded from chinese-calendar."""
    from portal.time_limits import install

    install(site)


def step_3_install_notifications(site):
    """Store the notification centre on the site."""
    from portal.notifications import install

    install(site)


def step_4_install_documents(site):
    """Store the document registry's site-wide parts (archive lending register)."""
    from portal.documents import install

    install(site)


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


def step_6_install_reports(site):
    """Store the reporting concern's site-wide parts (sensitive periods, rosters)."""
    from portal.reports import install

    install(site)


def step_7_install_public_area(site):
    """Store the public area's projections, query codes and pages."""
    from portal.public import install

    install(site)


def step_8_namespaced_user_principals(site):
    """Grants name people as ``user:<login>`` and logins are stored normalised, so no userid
    can pose as a role or group principal (issue 12): rename stored grants and user keys, then
    reindex what the catalog derives from grants."""
    from portal.catalog.catalog import reindex_object, walk
    from portal.identity.logins import find_login
    from portal.security.principals import GROUP, ROLE, USER

    for key in list(site.users.data.keys()):
        userid = find_login(key)
        if userid is not None and userid != key and userid not in site.users.data:
            user = site.users.data.pop(key)
            user.login = userid
            site.users.data[userid] = user
    for obj in walk(site):
        stored = getattr(obj, "__local_roles__", None)
        if stored is not None:
            for principal in list(stored.keys()):
                if principal.startswith((USER, GROUP, ROLE, "system.")):
                    continue
                roles = stored.pop(principal)
                userid = find_login(principal)
                if userid is not None:
                    merged = set(stored.get(USER + userid, ())) | set(roles)
                    stored[USER + userid] = tuple(sorted(merged))
        if getattr(obj, "__docid__", None) is not None:
            reindex_object(obj, ("allowed", "worklist_tokens", "local_principals"), site)


def step_9_install_escalations(site):
    """Store the escalation records (下级逾期) on the site."""
    from portal.escalation import install

    install(site)


def step_10_install_petitioner_notices(site):
    """Store the petitioner notices (messages, their record per case, the outbox)."""
    from portal.petitioner_notices import install

    install(site)


def step_11_statistics_summary(site):
    """Build the statistics summary (counts per month, county, channel and state) from the
    cases; from now on events keep it, and the statistics page reads only it."""
    from portal.public.summary import rebuild

    rebuild(site)


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


def step_13_install_prevention(site):
    """Store the prevention concern's site-wide parts (the owners and plans of 积案)."""
    from portal.prevention import install

    install(site)


def step_14_install_assessment(site):
    """Store the annual assessment's rows and veto record."""
    from portal.assessment import install

    install(site)


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


def step_17_install_duties(site):
    """Store the standing duties' records (leading groups, reception days, meetings and
    training summaries); the public reception schedule is now kept by the duties."""
    from portal.duties import install

    install(site)


def step_18_duties_instructions_and_first_contacts(site):
    """Give the duties' store its containers for leaders' instructions, matters raised to the
    level above and first contacts (a store installed by an earlier version lacks them)."""
    from portal.duties import install

    install(site)


def step_19_drop_stored_throttles(site):
    """Throttle state lives in the process now (``portal.security.throttle``): drop the failed
    sign-in and public-form records the database kept for ever (issue 12, item 15)."""
    if getattr(site, "signin_failures", None) is not None:
        del site.signin_failures
    store = getattr(site, "public_area", None)
    if store is not None and getattr(store, "throttle", None) is not None:
        del store.throttle


def step_20_withdraw_published_whistleblowing(site):
    """A whistle-blowing case (举报) is never public (issue 12, item 9): withdraw any such case
    published before the rule, and any published case marked 不宜公开 since."""
    from pyramid.traversal import find_resource

    from portal.public import publication

    store = getattr(site, "public_area", None)
    if store is None:
        return
    for path in list(store.case_keys.keys()):
        try:
            case = find_resource(site, path)
        except KeyError:
            continue
        if publication.publishable(case):
            publication.refresh(case)


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


def step_22_units_in_the_citys_order(site):
    """Units sort in the city's own order, not by their keys (issue 17, item 7): reindex the
    catalog's ``sort_key`` of every unit."""
    from portal.catalog.catalog import reindex_object

    stack = [site]
    while stack:
        unit = stack.pop()
        if getattr(unit, "__docid__", None) is not None:
            reindex_object(unit, ("sort_key",), site)
        stack.extend(unit.subunits())
