"""Who drafts, checks and signs the documents a workflow's transitions require.

A definition may name **parties** -- a relation to the object (the unit standing in it) and the
roles that act for that unit -- and, per document, in which states which parties may draft
(起草, also correct), check (审核) and sign (签发) it::

    [parties.handler]
    title = "承办单位"
    relation = "responsible"
    roles = ["unit_liaison", "department_handler"]

    [[documents]]
    code = "closing_report"
    draft = { by = ["handler"], states = ["handling", "opinion_submitted"] }
    check = { by = ["assigner"], states = ["opinion_submitted"] }
    sign = { by = ["assigner_signer"], states = ["opinion_submitted", "concluded"] }

and a transition may require signed versions (``requires_signed``) besides present ones
(``requires_documents``). :func:`validate` reports unknown documents, parties, relations, roles
and states, and -- the class of problem where a transition waits for a document nobody may
supply -- every (transition, document, source state) for which, in that state, the document is
neither surely present already (required by every way into the state) nor draftable by a
party, or must be signed and nobody may sign it (or check it first, when it has a check step)
there. :func:`build` makes the immutable
:class:`Party` and :class:`DocumentRule` objects the :class:`~portal.workflow.Workflow` holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from portal.i18n import _

PARTY_KEYS = frozenset({"title", "relation", "roles"})
RULE_KEYS = frozenset({"code", "draft", "check", "sign"})
STEP_KEYS = frozenset({"by", "states"})
#: step name -> Chinese verb (in messages)
STEPS = {"draft": "起草", "check": "审核", "sign": "签发"}


@dataclass(frozen=True)
class Party:
    """People holding one of ``roles`` on a unit in ``relation`` to the object."""

    id: str
    title: str
    relation: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """Who (party ids, in order) may take a step on a document, in which states."""

    by: tuple[str, ...]
    states: frozenset[str]

    def allows(self, state: str) -> bool:
        return state in self.states


@dataclass(frozen=True)
class DocumentRule:
    """The draft, check and sign steps of one document (``None``: no such step)."""

    code: str
    title: str
    draft: Step | None = None
    check: Step | None = None
    sign: Step | None = None

    def step(self, name: str) -> Step | None:
        return getattr(self, name)


# -- validation ----------------------------------------------------------------


def validate(v, data: Mapping, states: Mapping[str, bool]) -> None:
    """Report every problem of ``data``'s parties and documents through validator ``v``."""
    parties = _check_parties(v, data)
    rules = _check_rules(v, data, parties, states)
    _check_supply(v, data, states, rules)


def _check_parties(v, data) -> set[str]:
    table = data.get("parties", {})
    if not isinstance(table, Mapping):
        v.add("流程", "invalid_value", "“parties”应为表：参与方标识 → { title, relation, roles }")
        return set()
    known = set()
    for ident, party in table.items():
        where = f"参与方“{ident}”"
        if not isinstance(party, Mapping):
            v.add(where, "invalid_value", "参与方应为表：{ title, relation, roles }")
            continue
        v.unknown_keys(party, PARTY_KEYS, where)
        v.title(party, where)
        relation = v.string(party, "relation", where)
        if relation is not None and relation not in v.relations:
            v.add(where, "unknown_relation", f"关系“{relation}”未知")
        for role in v.strings(party, "roles", where, nonempty=True):
            if role not in v.roles:
                v.add(where, "unknown_role", f"角色“{role}”未知")
        known.add(ident)
    return known


def _check_rules(v, data, parties, states) -> dict[str, dict]:
    """Validate ``[[documents]]``; return code -> {step: (parties, states)} of valid ones."""
    items = data.get("documents", [])
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        v.add("流程", "invalid_value", "“documents”应为表数组（[[documents]]）")
        return {}
    rules = {}
    for index, table in enumerate(items, 1):
        code = v.string(table, "code", f"文书规则#{index}")
        where = f"文书规则“{code}”" if code else f"文书规则#{index}"
        v.unknown_keys(table, RULE_KEYS, where)
        if code is not None and code not in v.documents:
            v.add(where, "unknown_document", f"文书代码“{code}”未知")
        elif code in rules:
            v.add(where, "duplicate_id", f"文书“{code}”的规则重复")
        steps = {}
        for name in STEPS:
            step = table.get(name)
            if step is None:
                continue
            swhere = f"{where}·{name}"
            if not isinstance(step, Mapping):
                v.add(swhere, "invalid_value", "应为表：{ by = [参与方…], states = [状态…] }")
                continue
            v.unknown_keys(step, STEP_KEYS, swhere)
            by = v.strings(step, "by", swhere, nonempty=True)
            for party in by:
                if party not in parties:
                    v.add(swhere, "unknown_party", f"参与方“{party}”未定义（见 [parties]）")
            in_states = v.strings(step, "states", swhere, nonempty=True)
            for state in in_states:
                if state not in states:
                    v.add(swhere, "unknown_state", f"状态“{state}”未定义")
            steps[name] = (by, set(in_states))
        if code is not None and code not in rules:
            rules[code] = steps
    return rules


def _edges(data):
    for t in data.get("transitions", ()) if isinstance(data.get("transitions"), list) else ():
        if isinstance(t, Mapping):
            yield (
                t.get("id", "?"),
                list(t.get("source") or ()),
                t.get("target"),
                set(t.get("requires_documents") or ()),
                set(t.get("requires_signed") or ()),
            )


def surely_present(data, states) -> dict[str, set[str]]:
    """For each state, the documents present whichever way the object reached it: those
    required by every transition into it (or present in every state it came from)."""
    edges = list(_edges(data))
    everything = {c for *_x, req, signed in edges for c in req | signed}
    initial = data.get("initial_state")
    present = {s: (set() if s == initial else set(everything)) for s in states}
    changed = True
    while changed:
        changed = False
        for state in states:
            if state == initial:
                continue
            incoming = [
                present[src] | req | signed
                for _i, sources, target, req, signed in edges
                if target == state
                for src in sources
                if src in present
            ]
            new = set.intersection(*incoming) if incoming else set()
            if new != present[state]:
                present[state], changed = new, True
    return present


def _check_supply(v, data, states, rules) -> None:
    present = surely_present(data, states)
    for ident, sources, _target, required, signed in _edges(data):
        for code in sorted(required | signed):
            steps = rules.get(code)
            if steps is None:
                if code in signed or rules:
                    v.add(
                        f"流转“{ident}”",
                        "undeclared_document",
                        f"所需文书“{code}”没有起草、审核、签发规则（见 [[documents]]）",
                    )
                continue
            for state in sources:
                if state not in states:
                    continue
                drafted = "draft" in steps and state in steps["draft"][1]
                if code not in present[state] and not drafted:
                    v.add(
                        f"流转“{ident}”",
                        "unsupplied_document",
                        f"在状态“{state}”下须有文书“{code}”，但此时没有任何参与方可以起草它",
                    )
                if code in signed and not ("sign" in steps and state in steps["sign"][1]):
                    v.add(
                        f"流转“{ident}”",
                        "unsigned_document",
                        f"在状态“{state}”下须有已签发的“{code}”，但此时没有任何参与方可以签发它",
                    )
                elif code in signed and "check" in steps and state not in steps["check"][1]:
                    v.add(
                        f"流转“{ident}”",
                        "unchecked_document",
                        f"在状态“{state}”下须有已签发的“{code}”，它须先经审核，"
                        "但此时没有任何参与方可以审核它",
                    )


# -- building ------------------------------------------------------------------


def build(data: Mapping, titles: Mapping[str, str]):
    """``(parties, rules)``: read-only mappings id -> :class:`Party`, code -> :class:`DocumentRule`
    (``data`` is valid)."""
    parties = {
        ident: Party(ident, _(p["title"]), p["relation"], tuple(p["roles"]))
        for ident, p in data.get("parties", {}).items()
    }
    rules = {}
    for table in data.get("documents", ()):
        steps = {
            name: Step(tuple(table[name]["by"]), frozenset(table[name]["states"]))
            for name in STEPS
            if name in table
        }
        rules[table["code"]] = DocumentRule(table["code"], titles.get(table["code"], table["code"]), **steps)
    return MappingProxyType(parties), MappingProxyType(rules)
