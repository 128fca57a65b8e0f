"""Export a subtree of units to xlsx/CSV, and import one back, all rows or none.

Columns (the header row is required, in Chinese): 上级路径, 标识, 名称, 类型, 机构代码, 状态.
``上级路径`` is the parent's path ("/" for the city bureau, "/zhongyuan" for a county). A row
whose path already exists updates that unit's name, code and status; otherwise it creates the
unit. ``plan_import`` checks every row before anything changes and returns the errors by row
number; ``apply_import`` runs only on an error-free plan, so nothing is ever half-imported.
"""

import csv
import io
from dataclasses import dataclass, field

from openpyxl import load_workbook
from pyramid.traversal import find_resource, resource_path

from portal.layout.export import restore_text
from portal.resources import Unit
from portal.resources.folder import NAME_RE
from portal.resources.kinds import KIND_BY_TITLE, KINDS

HEADER = ("上级路径", "标识", "名称", "类型", "机构代码", "状态")
ACTIVE, INACTIVE = "启用", "停用"
MAX_ROWS = 20000


def export_rows(root):
    """Rows for ``root``'s subtree below it, parents before children, in name order."""
    rows = []
    stack = [root]
    while stack:
        node = stack.pop(0)
        for child in node.subunits():
            rows.append(
                (
                    resource_path(node) or "/",
                    child.__name__,
                    child.title,
                    child.kind_title,
                    child.code,
                    ACTIVE if child.active else INACTIVE,
                )
            )
            stack.append(child)
    return rows


class ImportFileError(ValueError):
    """The file as a whole cannot be read; ``str()`` is the Chinese reason."""


def read_rows(filename, data):
    """Parse an uploaded xlsx or CSV into a list of (row_number, tuple of 6 strings)."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise ImportFileError("无法读取该 xlsx 文件，请确认文件未损坏") from None
        raw = [
            tuple("" if v is None else restore_text(str(v)).strip() for v in row)
            for row in wb.active.iter_rows(values_only=True)
        ]
    elif name.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFileError("无法识别 CSV 文件的编码，请保存为 UTF-8")
        raw = [tuple(restore_text(c).strip() for c in row) for row in csv.reader(io.StringIO(text))]
    else:
        raise ImportFileError("只支持 .xlsx 或 .csv 文件")
    if not raw or tuple(raw[0][:6]) != HEADER:
        raise ImportFileError("第1行必须是表头：" + "、".join(HEADER))
    if len(raw) - 1 > MAX_ROWS:
        raise ImportFileError(f"一次最多导入 {MAX_ROWS} 行")
    rows = []
    for number, row in enumerate(raw[1:], start=2):
        if not any(row):
            continue
        rows.append((number, tuple((list(row) + [""] * 6)[:6])))
    if not rows:
        raise ImportFileError("文件中没有数据行")
    return rows


@dataclass
class ImportPlan:
    creates: list = field(default_factory=list)  # (parent_path, name, title, kind, code, active)
    updates: list = field(default_factory=list)  # (path, title, code, active)
    errors: list = field(default_factory=list)  # (row_number, message)


def plan_import(context, rows):
    """Check every row against the tree under ``context``; change nothing."""
    plan = ImportPlan()
    root = context
    while root.__parent__ is not None:
        root = root.__parent__
    base = resource_path(context) or "/"
    new_kinds = {}  # path -> kind of units created earlier in this file
    for number, (parent_path, name, title, kind_title, code, status) in rows:
        errs = []
        parent_path = parent_path or "/"
        if parent_path != "/" and parent_path.endswith("/"):
            parent_path = parent_path.rstrip("/")
        if not (parent_path == base or parent_path.startswith(base.rstrip("/") + "/")):
            errs.append(f"上级路径“{parent_path}”不在当前机构（{base}）之下")
        kind = KIND_BY_TITLE.get(kind_title)
        if kind is None:
            errs.append(f"类型“{kind_title}”无效，可选：" + "、".join(k.title for k in KINDS.values()))
        if not NAME_RE.match(name or ""):
            errs.append(f"标识“{name}”无效：只能由小写字母、数字、“-”和“_”组成")
        if not (2 <= len(title) <= 80):
            errs.append("名称应为2至80个字")
        if len(code) > 40:
            errs.append("机构代码最长40个字符")
        if status not in (ACTIVE, INACTIVE, ""):
            errs.append(f"状态只能填“{ACTIVE}”或“{INACTIVE}”")
        path = parent_path.rstrip("/") + "/" + (name or "")
        parent_kind = new_kinds.get(parent_path)
        existing = None
        if parent_kind is None and not errs:
            try:
                parent = find_resource(root, parent_path)
            except KeyError:
                parent = None
            if not isinstance(parent, Unit):
                errs.append(f"上级机构“{parent_path}”不存在（也未在文件前面的行中新建）")
            else:
                parent_kind = parent.kind
                existing = parent.get(name)
        if path in new_kinds:
            errs.append(f"标识“{name}”在文件中重复出现")
        if not errs and kind.id not in KINDS[parent_kind].children:
            errs.append(f"“{KINDS[parent_kind].title}”之下不能设“{kind.title}”")
        if not errs and existing is not None and existing.kind != kind.id:
            errs.append(f"机构“{path}”已存在，类型为“{existing.kind_title}”，不能改为“{kind.title}”")
        if errs:
            plan.errors.extend((number, e) for e in errs)
            continue
        active = status != INACTIVE
        if existing is not None:
            plan.updates.append((path, title, code, active))
        else:
            new_kinds[path] = kind.id
            plan.creates.append((parent_path, name, title, kind.id, code, active))
    return plan


def apply_import(context, plan, registry=None):
    """Apply an error-free plan; returns ``(created, updated)`` counts."""
    assert not plan.errors, "apply_import needs an error-free plan"
    from portal.resources.events import ObjectModified

    root = context
    while root.__parent__ is not None:
        root = root.__parent__
    for parent_path, name, title, kind, code, active in plan.creates:
        parent = find_resource(root, parent_path)
        unit = Unit(title, kind, code)
        unit.active = active
        parent.add(name, unit, registry=registry)
    for path, title, code, active in plan.updates:
        unit = find_resource(root, path)
        unit.title, unit.code, unit.active = title, code, active
        (registry or _registry()).notify(ObjectModified(unit))
    return len(plan.creates), len(plan.updates)


def _registry():
    from pyramid.threadlocal import get_current_registry

    return get_current_registry()
