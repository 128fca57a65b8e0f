"""The immutable, validated model of a workflow definition.

Instances are built only by :mod:`portal.workflow.loading` after validation
succeeded, so code using them may rely on every cross reference being valid:
every state id named anywhere exists, every managed permission has an entry
in every state's map, every condition name resolves to a callable.

Nothing here is persistent: objects in the database store only the
workflow's *id* and their state's *id*; the definition lives in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

#: Badge families a state may belong to (the CSS class ``family-<name>``).
FAMILIES = ("draft", "active", "waiting", "done", "closed")

Condition = Callable[[Any, Any], bool]

#: How a workflow's state maps name who holds a permission: ``roles`` (an entry is a role id,
#: held through local roles on the object's lineage) or ``relations`` (an entry is
#: ``relation:role``, held through a grant on a unit in that relation to the object, see
#: ``portal.security.relations``).
ACCESS_MODES = ("roles", "relations")


def parse_entry(entry: str) -> tuple[str | None, str]:
    """``"responsible:unit_liaison"`` -> ``("responsible", "unit_liaison")``;
    ``"leader"`` -> ``(None, "leader")``."""
    relation, sep, role = entry.partition(":")
    return (relation, role) if sep else (None, entry)


def _empty() -> Mapping:
    return MappingProxyType({})


@dataclass(frozen=True)
class State:
    """One state.

    ``permissions`` maps each managed permission to the entries holding it
    in this state: role ids, or ``relation:role`` in a workflow whose access
    is ``relations`` (groups are expanded by the loader).  ``acquire`` is the set of managed permissions for which
    the parents' grants also apply; for every other managed permission the
    state's map is authoritative (the ACL ends with a Deny for it).
    ``final`` marks a state with no way out.
    """

    id: str
    title: str
    family: str
    permissions: Mapping[str, tuple[str, ...]]
    acquire: frozenset[str] = frozenset()
    final: bool = False
    description: str = ""

    def holders(self, permission: str) -> tuple[tuple[str | None, str], ...]:
        """``(relation or None, role)`` for each entry holding ``permission``."""
        return tuple(parse_entry(e) for e in self.permissions.get(permission, ()))


@dataclass(frozen=True)
class Guard:
    """The permission a transition requires on the object, and the names of
    conditions (``callable(obj, request) -> bool``) that must all hold."""

    permission: str
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Transition:
    """A move from any of ``source`` states to ``target``.

    ``requires_documents`` are document codes that must be on the object
    before the transition may fire, ``requires_signed`` those whose latest
    version must be signed off; ``requires_comment`` makes a non-blank
    comment mandatory.
    """

    id: str
    title: str
    source: tuple[str, ...]
    target: str
    guard: Guard
    requires_documents: tuple[str, ...] = ()
    requires_comment: bool = False
    description: str = ""
    requires_signed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Worklist:
    """Items in any of ``states`` on which the user holds ``permission``."""

    id: str
    title: str
    states: tuple[str, ...]
    permission: str
    description: str = ""


@dataclass(frozen=True, eq=False)
class Workflow:
    """A validated workflow.

    ``permissions`` are the permissions the workflow manages, in definition
    order.  ``states``, ``transitions`` and ``worklists`` are read-only
    mappings id → definition, in definition order.  ``conditions`` maps the
    condition names the transitions use to their callables; ``documents``
    maps the document codes the transitions use to their (Chinese) titles.
    ``source`` names the file the definition came from. ``access`` is one of
    :data:`ACCESS_MODES`. ``parties`` and ``document_rules`` say who drafts,
    checks and signs which document in which state
    (:mod:`portal.workflow.documents`).
    """

    id: str
    title: str
    initial_state: str
    permissions: tuple[str, ...]
    states: Mapping[str, State]
    transitions: Mapping[str, Transition]
    worklists: Mapping[str, Worklist] = field(default_factory=_empty)
    conditions: Mapping[str, Condition] = field(default_factory=_empty)
    documents: Mapping[str, str] = field(default_factory=_empty)
    source: str = "<dict>"
    description: str = ""
    parties: Mapping[str, Any] = field(default_factory=_empty)
    document_rules: Mapping[str, Any] = field(default_factory=_empty)
    access: str = "roles"

    def transitions_from(self, state_id: str) -> tuple[Transition, ...]:
        """The transitions whose sources include ``state_id``, in order."""
        return tuple(t for t in self.transitions.values() if state_id in t.source)

    @property
    def final_states(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.states.values() if s.final)

    def __repr__(self) -> str:
        return f"<Workflow {self.id!r} from {self.source}>"
