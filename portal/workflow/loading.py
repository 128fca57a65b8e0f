"""Loading workflow definitions from TOML files (or dicts).

:func:`load_workflow` validates first and builds the immutable
:class:`~portal.workflow.definition.Workflow` only when no problem was
found; otherwise it raises one :class:`WorkflowDefinitionError` listing all
problems.  :func:`load_workflows` does the same for every ``*.toml`` file of
a directory and also checks that workflow ids are unique across files.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from portal.i18n import _

from .definition import Guard, State, Transition, Workflow, Worklist
from .documents import build as build_documents
from .errors import Problem, WorkflowDefinitionError
from .validation import validate


def _document_titles(documents: Iterable[str] | Mapping[str, str]) -> dict[str, str]:
    if isinstance(documents, Mapping):
        return {code: title if isinstance(title, str) else str(title) for code, title in documents.items()}
    return {code: code for code in documents}


def _read(path_or_dict: str | os.PathLike | Mapping, source: str | None) -> tuple[Any, str]:
    if isinstance(path_or_dict, Mapping):
        return path_or_dict, source or f"<dict {path_or_dict.get('id', '?')}>"
    path = Path(path_or_dict)
    source = source or str(path)
    with path.open("rb") as f:
        try:
            return tomllib.load(f), source
        except tomllib.TOMLDecodeError as exc:
            raise WorkflowDefinitionError(
                [Problem(source, "文件", "toml_syntax", f"TOML 语法错误：{exc}")]
            ) from exc


def load_workflow(
    path_or_dict: str | os.PathLike | Mapping,
    *,
    roles: Iterable[str],
    permissions: Iterable[str],
    documents: Iterable[str] | Mapping[str, str],
    conditions: Mapping[str, Callable[[Any, Any], bool]] | None = None,
    source: str | None = None,
    relations: Iterable[str] = (),
) -> Workflow:
    """Load, validate and build one workflow.

    ``path_or_dict`` is a TOML file path or an already parsed dict.
    ``roles``/``permissions``/``relations`` are the ids the portal knows; ``documents`` the
    document codes it knows (a mapping code → Chinese title lets error
    messages name documents); ``conditions`` maps condition names to
    ``callable(obj, request) -> bool``.  ``source`` overrides the name used
    in error messages.  Raises :class:`WorkflowDefinitionError` listing every
    problem; a missing file raises the usual ``OSError``.
    """
    conditions = dict(conditions or {})
    doc_titles = _document_titles(documents)
    data, source = _read(path_or_dict, source)
    problems = validate(
        data,
        roles=roles,
        permissions=permissions,
        documents=doc_titles,
        conditions=conditions,
        source=source,
        relations=relations,
    )
    if problems:
        raise WorkflowDefinitionError(problems)
    return _build(data, source, conditions, doc_titles)


def expand(entries: Iterable[str], role_groups: Mapping, relation_groups: Mapping) -> tuple[str, ...]:
    """State map entries with ``@group`` names replaced by their members, in order, once each."""
    out: dict[str, None] = {}
    for entry in entries:
        relation, sep, role = entry.rpartition(":")
        relations = relation_groups.get(relation[1:], ()) if relation.startswith("@") else (relation,)
        roles = role_groups.get(role[1:], ()) if role.startswith("@") else (role,)
        for rel in relations:
            for r in roles:
                out[f"{rel}:{r}" if sep else r] = None
    return tuple(out)


def _build(data: Mapping, source: str, conditions: Mapping, doc_titles: Mapping) -> Workflow:
    role_groups = data.get("role_groups", {})
    relation_groups = data.get("relation_groups", {})
    states = {}
    for s in data["states"]:
        states[s["id"]] = State(
            id=s["id"],
            title=_(s["title"]),
            family=s["family"],
            permissions=MappingProxyType(
                {p: expand(entries, role_groups, relation_groups) for p, entries in s["permissions"].items()}
            ),
            acquire=frozenset(s.get("acquire", ())),
            final=s.get("final", False),
            description=s.get("description", ""),
        )
    transitions = {}
    used_conditions = {}
    used_documents = {}
    for t in data.get("transitions", ()):
        guard = t["guard"]
        names = tuple(guard.get("conditions", ()))
        used_conditions.update({n: conditions[n] for n in names})
        docs = tuple(t.get("requires_documents", ()))
        signed = tuple(t.get("requires_signed", ()))
        used_documents.update({d: doc_titles[d] for d in docs + signed})
        transitions[t["id"]] = Transition(
            id=t["id"],
            title=_(t["title"]),
            source=tuple(t["source"]),
            target=t["target"],
            guard=Guard(permission=guard["permission"], conditions=names),
            requires_documents=docs,
            requires_comment=t.get("requires_comment", False),
            description=t.get("description", ""),
            requires_signed=signed,
        )
    worklists = {
        w["id"]: Worklist(
            id=w["id"],
            title=_(w["title"]),
            states=tuple(w["states"]),
            permission=w["permission"],
            description=w.get("description", ""),
        )
        for w in data.get("worklists", ())
    }
    parties, document_rules = build_documents(data, doc_titles)
    return Workflow(
        id=data["id"],
        title=_(data["title"]),
        initial_state=data["initial_state"],
        permissions=tuple(data["permissions"]),
        states=MappingProxyType(states),
        transitions=MappingProxyType(transitions),
        worklists=MappingProxyType(worklists),
        conditions=MappingProxyType(used_conditions),
        documents=MappingProxyType(used_documents),
        source=source,
        description=data.get("description", ""),
        parties=parties,
        document_rules=document_rules,
        access=data.get("access", "roles"),
    )


def guard_permissions(directory: str | os.PathLike) -> frozenset[str]:
    """The permissions named by the transition guards of every ``*.toml`` file in
    ``directory``, read before validation (the views registered for them are checked against
    the validated definitions once they are loaded, see ``portal.workflow.views``)."""
    found = set()
    for path in sorted(Path(directory).glob("*.toml")):
        data, _source = _read(path, None)
        for transition in data.get("transitions", ()):
            guard = transition.get("guard") if isinstance(transition, Mapping) else None
            if isinstance(guard, Mapping) and isinstance(guard.get("permission"), str):
                found.add(guard["permission"])
    return frozenset(found)


def load_workflows(directory: str | os.PathLike, **known) -> Mapping[str, Workflow]:
    """Load every ``*.toml`` file in ``directory`` (not recursive, sorted by
    name) with :func:`load_workflow` and the same ``known`` keyword
    arguments (``roles``, ``permissions``, ``documents``, ``conditions``).

    Returns a read-only mapping workflow id → :class:`Workflow`.  Problems of
    all files, and workflow ids used by more than one file, are collected
    into a single :class:`WorkflowDefinitionError`.
    """
    problems: list[Problem] = []
    workflows: dict[str, Workflow] = {}
    for path in sorted(Path(directory).glob("*.toml")):
        try:
            workflow = load_workflow(path, **known)
        except WorkflowDefinitionError as exc:
            problems.extend(exc.problems)
            continue
        if workflow.id in workflows:
            first = workflows[workflow.id].source
            problems.append(
                Problem(
                    str(path),
                    f"流程“{workflow.id}”",
                    "duplicate_id",
                    f"流程标识“{workflow.id}”已在 {first} 中使用",
                )
            )
            continue
        workflows[workflow.id] = workflow
    if problems:
        raise WorkflowDefinitionError(problems)
    return MappingProxyType(workflows)
