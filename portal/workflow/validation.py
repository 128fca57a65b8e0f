"""Validation of a raw workflow definition (the dict TOML produces).

:func:`validate` returns the list of *all* problems found; it never raises
on malformed input and never stops at the first problem.  The checks:

* structure: required keys present, no unknown keys, values of the right
  type, ids made of ``[a-z0-9_]`` starting with a letter, non-blank titles;
* duplicate state, transition and worklist ids (and duplicate list entries);
* the initial state and every source/target/worklist state exist;
* every state is reachable from the initial state;
* every state that is not ``final`` has a transition to another state, and
  no ``final`` state has one;
* permissions, roles, relations, documents and conditions are all known to the portal;
* each state's map names every managed permission and only those;
* ``access`` is ``roles`` (map entries are role ids) or ``relations`` (entries are
  ``relation:role``); ``role_groups`` and ``relation_groups`` name lists that entries may use
  as ``@group`` (``responsible:@handlers``, ``@upstream:@staff``);
* the parties and document rules (who drafts, checks, signs) name known
  relations, roles, documents and states, and every document a transition
  requires can be supplied in each of its source states
  (:mod:`portal.workflow.documents`).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

from .definition import ACCESS_MODES, FAMILIES, parse_entry
from .errors import Problem

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

WORKFLOW_KEYS = frozenset(
    {
        "id",
        "title",
        "description",
        "initial_state",
        "permissions",
        "states",
        "transitions",
        "worklists",
        "access",
        "role_groups",
        "relation_groups",
        "parties",
        "documents",
    }
)
STATE_KEYS = frozenset({"id", "title", "description", "family", "final", "permissions", "acquire"})
TRANSITION_KEYS = frozenset(
    {
        "id",
        "title",
        "description",
        "source",
        "target",
        "guard",
        "requires_documents",
        "requires_comment",
        "requires_signed",
    }
)
GUARD_KEYS = frozenset({"permission", "conditions"})
WORKLIST_KEYS = frozenset({"id", "title", "description", "states", "permission"})

_MISSING = object()


class _Validator:
    def __init__(self, source, roles, permissions, documents, conditions, relations=()):
        self.source = source
        self.roles = frozenset(roles)
        self.relations = frozenset(relations)
        self.access = "roles"
        self.role_groups: dict[str, list[str]] = {}
        self.relation_groups: dict[str, list[str]] = {}
        self.known_permissions = frozenset(permissions)
        self.documents = frozenset(documents)
        self.conditions = conditions
        self.problems: list[Problem] = []

    # -- reporting and typed access ---------------------------------------

    def add(self, where: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.source, where, code, message))

    def unknown_keys(self, table: Mapping, allowed: frozenset, where: str) -> None:
        for key in table:
            if key not in allowed:
                self.add(where, "unknown_key", f"未知的配置项“{key}”")

    def string(self, table: Mapping, key: str, where: str, *, required=True) -> str | None:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.add(where, "missing_key", f"缺少必填项“{key}”")
            return None
        if not isinstance(value, str):
            self.add(where, "invalid_value", f"“{key}”应为字符串")
            return None
        return value

    def boolean(self, table: Mapping, key: str, where: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.add(where, "invalid_value", f"“{key}”应为 true 或 false")
            return False
        return value

    def strings(self, table: Mapping, key: str, where: str, *, required=True, nonempty=False) -> list[str]:
        """A list of distinct strings; problems reported, bad items dropped."""
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.add(where, "missing_key", f"缺少必填项“{key}”")
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(where, "invalid_value", f"“{key}”应为字符串列表")
            return []
        if nonempty and not value:
            self.add(where, "invalid_value", f"“{key}”不能为空列表")
        seen: list[str] = []
        for item in value:
            if item in seen:
                self.add(where, "duplicate_entry", f"“{key}”中“{item}”重复")
            else:
                seen.append(item)
        return seen

    def tables(self, table: Mapping, key: str, where: str, *, required: bool) -> list[Mapping]:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.add(where, "missing_key", f"缺少必填项“{key}”（[[{key}]] 表数组）")
            return []
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            self.add(where, "invalid_value", f"“{key}”应为表数组（[[{key}]]）")
            return []
        return value

    def ident(self, table: Mapping, where: str) -> str | None:
        value = self.string(table, "id", where)
        if value is not None and not ID_PATTERN.match(value):
            self.add(where, "invalid_id", f"标识“{value}”不合规：只能用小写字母、数字和下划线，且以字母开头")
            return None
        return value

    def title(self, table: Mapping, where: str) -> None:
        value = self.string(table, "title", where)
        if value is not None and not value.strip():
            self.add(where, "empty_title", "标题为空")

    def permission(self, name: str, where: str, what: str = "权限") -> bool:
        if name not in self.known_permissions:
            self.add(where, "unknown_permission", f"未知{what}“{name}”")
            return False
        return True

    def groups(
        self, data: Mapping, key: str, where: str, known: frozenset, what: str
    ) -> dict[str, list[str]]:
        """A table of named lists of known ids (``role_groups``, ``relation_groups``)."""
        table = data.get(key, {})
        if not isinstance(table, Mapping):
            self.add(where, "invalid_value", f"“{key}”应为表：组名 → {what}列表")
            return {}
        groups = {}
        for name in table:
            if not ID_PATTERN.match(name):
                self.add(where, "invalid_id", f"“{key}”中的组名“{name}”不合规")
                continue
            members = self.strings(table, name, f"{where}·{key}", nonempty=True)
            for member in members:
                if member not in known:
                    self.add(
                        where,
                        f"unknown_{'role' if what == '角色' else 'relation'}",
                        f"组“{name}”中的{what}“{member}”未知",
                    )
            groups[name] = members
        return groups

    def entry(self, entry: str, perm: str, where: str) -> None:
        """One state map entry: ``role`` / ``@group``, or ``relation:role`` in a relations workflow."""
        relation, role = parse_entry(entry)
        if self.access == "roles" and relation is not None:
            self.add(
                where,
                "unknown_role",
                f"权限“{perm}”下的角色“{entry}”未知（本流程按角色授权，不能写“关系:角色”）",
            )
            return
        if self.access == "relations" and relation is None:
            self.add(where, "missing_relation", f"权限“{perm}”下的“{entry}”须写成“关系:角色”")
        if relation is not None:
            if relation.startswith("@"):
                if relation[1:] not in self.relation_groups:
                    self.add(where, "unknown_relation", f"权限“{perm}”下的关系组“{relation}”未定义")
            elif relation not in self.relations:
                self.add(where, "unknown_relation", f"权限“{perm}”下的关系“{relation}”未知")
        if role.startswith("@"):
            if role[1:] not in self.role_groups:
                self.add(where, "unknown_role", f"权限“{perm}”下的角色组“{role}”未定义")
        elif role not in self.roles:
            self.add(where, "unknown_role", f"权限“{perm}”下的角色“{role}”未知")

    # -- the definition ---------------------------------------------------

    def run(self, data: Any) -> None:
        where = "流程"
        if not isinstance(data, Mapping):
            self.add(where, "invalid_value", "定义应为一个表（TOML 文件或 dict）")
            return
        wf_id = self.ident(data, where)
        if wf_id is not None:
            where = f"流程“{wf_id}”"
        self.unknown_keys(data, WORKFLOW_KEYS, where)
        self.title(data, where)
        self.string(data, "description", where, required=False)
        initial = self.string(data, "initial_state", where)
        access = self.string(data, "access", where, required=False)
        if access is not None:
            if access in ACCESS_MODES:
                self.access = access
            else:
                self.add(where, "invalid_value", f"“access”应为：{'、'.join(ACCESS_MODES)}")
        self.role_groups = self.groups(data, "role_groups", where, self.roles, "角色")
        self.relation_groups = self.groups(data, "relation_groups", where, self.relations, "关系")
        managed = self.strings(data, "permissions", where, nonempty=True)
        for perm in managed:
            self.permission(perm, where, "受管权限")
        managed_set = frozenset(managed)

        states = self.check_states(self.tables(data, "states", where, required=True), managed, managed_set)
        transitions = self.check_transitions(self.tables(data, "transitions", where, required=False), states)
        self.check_worklists(self.tables(data, "worklists", where, required=False), states)

        if initial is not None and initial not in states:
            self.add(where, "unknown_initial_state", f"初始状态“{initial}”未定义")
            initial = None
        self.check_graph(initial, states, transitions)
        from . import documents

        documents.validate(self, data, states)

    def check_ids(self, items: list[Mapping], kind: str) -> list[tuple[str, str | None, Mapping]]:
        """(where, id or None, table) per item; reports duplicate ids."""
        out = []
        seen: set[str] = set()
        for index, table in enumerate(items, 1):
            where = f"{kind}#{index}"
            ident = self.ident(table, where)
            if ident is not None:
                where = f"{kind}“{ident}”"
                if ident in seen:
                    self.add(where, "duplicate_id", f"{kind}标识“{ident}”重复")
                    ident = None
                else:
                    seen.add(ident)
            out.append((where, ident, table))
        return out

    def check_states(self, items, managed: list[str], managed_set: frozenset) -> dict[str, bool]:
        """Validate the states; return {state id: final} for the valid ids."""
        states: dict[str, bool] = {}
        for where, ident, table in self.check_ids(items, "状态"):
            self.unknown_keys(table, STATE_KEYS, where)
            self.title(table, where)
            self.string(table, "description", where, required=False)
            family = self.string(table, "family", where)
            if family is not None and family not in FAMILIES:
                self.add(where, "invalid_family", f"状态族“{family}”无效，应为：{'、'.join(FAMILIES)}")
            final = self.boolean(table, "final", where)
            self.check_permission_map(table, where, managed, managed_set)
            for perm in self.strings(table, "acquire", where, required=False):
                if self.permission(perm, where) and perm not in managed_set:
                    self.add(
                        where, "unmanaged_permission", f"“acquire”中的权限“{perm}”不在本流程管理的权限之内"
                    )
            if ident is not None:
                states[ident] = final
        return states

    def check_permission_map(self, table, where, managed, managed_set) -> None:
        pmap = table.get("permissions", _MISSING)
        if pmap is _MISSING:
            self.add(where, "missing_key", "缺少必填项“permissions”（权限 → 角色列表）")
            pmap = {}
        elif not isinstance(pmap, Mapping):
            self.add(where, "invalid_value", "“permissions”应为表：权限 → 角色列表")
            pmap = {}
        for perm in pmap:
            if self.permission(perm, where) and perm not in managed_set:
                self.add(where, "unmanaged_permission", f"权限“{perm}”不在本流程管理的权限之内")
            for entry in self.strings(pmap, perm, where):
                self.entry(entry, perm, where)
        for perm in managed:
            if perm not in pmap:
                self.add(where, "missing_permission", f"权限表缺少受管权限“{perm}”")

    def check_transitions(self, items, states: dict[str, bool]) -> list[tuple[str, list[str], str | None]]:
        """Validate the transitions; return (id, sources, target) per item."""
        edges = []
        for where, ident, table in self.check_ids(items, "流转"):
            self.unknown_keys(table, TRANSITION_KEYS, where)
            self.title(table, where)
            self.string(table, "description", where, required=False)
            sources = self.strings(table, "source", where, nonempty=True)
            for state in sources:
                if state not in states:
                    self.add(where, "unknown_state", f"来源状态“{state}”未定义")
            target = self.string(table, "target", where)
            if target is not None and target not in states:
                self.add(where, "unknown_state", f"目标状态“{target}”未定义")
            self.check_guard(table, where)
            for key in ("requires_documents", "requires_signed"):
                for code in self.strings(table, key, where, required=False):
                    if code not in self.documents:
                        self.add(where, "unknown_document", f"所需文件代码“{code}”未知")
            self.boolean(table, "requires_comment", where)
            edges.append((ident or where, sources, target))
        return edges

    def check_guard(self, table, where) -> None:
        guard = table.get("guard", _MISSING)
        if guard is _MISSING:
            self.add(where, "missing_key", "缺少必填项“guard”（至少须指定 permission）")
            return
        if not isinstance(guard, Mapping):
            self.add(where, "invalid_value", '“guard”应为表：{ permission = "…", conditions = ["…"] }')
            return
        self.unknown_keys(guard, GUARD_KEYS, where)
        perm = self.string(guard, "permission", where)
        if perm is not None:
            self.permission(perm, where, "守卫权限")
        for name in self.strings(guard, "conditions", where, required=False):
            condition = self.conditions.get(name)
            if condition is None:
                self.add(where, "unknown_condition", f"条件“{name}”未知")
            elif not callable(condition):
                self.add(where, "invalid_value", f"条件“{name}”不是可调用对象")

    def check_worklists(self, items, states: dict[str, bool]) -> None:
        for where, _ident, table in self.check_ids(items, "待办清单"):
            self.unknown_keys(table, WORKLIST_KEYS, where)
            self.title(table, where)
            self.string(table, "description", where, required=False)
            for state in self.strings(table, "states", where, nonempty=True):
                if state not in states:
                    self.add(where, "unknown_state", f"状态“{state}”未定义")
            perm = self.string(table, "permission", where)
            if perm is not None:
                self.permission(perm, where)

    def check_graph(self, initial, states: dict[str, bool], edges) -> None:
        exits: dict[str, list[str]] = {s: [] for s in states}
        graph: dict[str, set[str]] = {s: set() for s in states}
        for ident, sources, target in edges:
            for source in sources:
                if source in states and target is not None and target != source:
                    exits[source].append(ident)
                    if target in states:
                        graph[source].add(target)
        for state, final in states.items():
            where = f"状态“{state}”"
            if final and exits[state]:
                self.add(
                    where,
                    "final_state_has_exits",
                    f"已标记为终态，却有离开它的流转：{'、'.join(exits[state])}",
                )
            elif not final and not exits[state]:
                self.add(where, "dead_end_state", "没有离开此状态的流转，且未标记为终态（final = true）")
        if initial is None:
            return
        reached = {initial}
        queue = deque([initial])
        while queue:
            for nxt in graph[queue.popleft()]:
                if nxt not in reached:
                    reached.add(nxt)
                    queue.append(nxt)
        for state in states:
            if state not in reached:
                self.add(f"状态“{state}”", "unreachable_state", f"从初始状态“{initial}”无法到达此状态")


def validate(
    data: Any,
    *,
    roles: Iterable[str],
    permissions: Iterable[str],
    documents: Iterable[str],
    conditions: Mapping[str, Any],
    source: str = "<dict>",
    relations: Iterable[str] = (),
) -> list[Problem]:
    """Return every problem in the raw definition ``data`` (empty if valid).

    ``roles``, ``permissions``, ``documents`` and ``relations`` are the ids
    the portal knows; ``conditions`` maps condition names to callables.
    """
    validator = _Validator(source, roles, permissions, documents, conditions, relations)
    validator.run(data)
    return validator.problems
