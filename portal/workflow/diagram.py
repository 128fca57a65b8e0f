"""Draw a workflow as SVG, in pure Python.

Layout: states are boxes in rows ("layers") by their BFS distance from the
initial state (states not reachable come last), in definition order within
a row.  Transitions are arrows labelled with their Chinese titles; a
transition with several sources gets one arrow per source; arrows between
the same pair of states are bent apart; a transition back into its own
source is a loop on the box's right.  The initial state has a filled dot
and arrow pointing at it; final states have a double border.  The box fill
follows the state's family (CSS class ``family-<name>`` for restyling).
All text is XML-escaped.
"""

from __future__ import annotations

import math
from collections import deque
from xml.sax.saxutils import escape

from .definition import Workflow

BOX_H = 48
ROW_GAP = 100
COL_GAP = 56
MARGIN = 40
TOP = 70  # room for the initial-state marker
LOOP = 56  # room on the right for self-loops
FONT = "'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif"

FAMILY_COLOURS = {
    "draft": ("#f1f3f5", "#868e96"),
    "active": ("#e7f1ff", "#1c7ed6"),
    "waiting": ("#fff4e6", "#e8590c"),
    "done": ("#ebfbee", "#2f9e44"),
    "closed": ("#f1f3f5", "#495057"),
}


def _attr(value) -> str:
    return escape(str(value), {'"': "&quot;"})


def _text_width(text: str, size: float) -> float:
    """Rough advance width: CJK and full-width characters are square."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)


def layers(workflow: Workflow) -> list[list[str]]:
    """State ids grouped by BFS distance from the initial state."""
    depth = {workflow.initial_state: 0}
    queue = deque([workflow.initial_state])
    while queue:
        state = queue.popleft()
        for t in workflow.transitions_from(state):
            if t.target not in depth:
                depth[t.target] = depth[state] + 1
                queue.append(t.target)
    last = max(depth.values(), default=0) + 1
    rows: dict[int, list[str]] = {}
    for state in workflow.states:
        rows.setdefault(depth.get(state, last), []).append(state)
    return [rows[k] for k in sorted(rows)]


def _clip(cx, cy, hw, hh, dx, dy):
    """Where the ray from a box's centre along (dx, dy) leaves the box."""
    if dx == 0 and dy == 0:
        return cx, cy
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return cx + dx * t, cy + dy * t


def render_svg(workflow: Workflow) -> str:
    """Return the diagram of ``workflow`` as a standalone SVG document."""
    rows = layers(workflow)
    boxes: dict[str, tuple[float, float, float, float]] = {}  # id -> x, y, w, h
    widths = {
        s.id: max(_text_width(s.title, 15), _text_width(s.id, 11)) + 32 for s in workflow.states.values()
    }
    row_widths = [sum(widths[s] for s in row) + COL_GAP * (len(row) - 1) for row in rows]
    inner = max(row_widths, default=0)
    for r, row in enumerate(rows):
        x = MARGIN + (inner - row_widths[r]) / 2
        y = TOP + r * (BOX_H + ROW_GAP)
        for state in row:
            boxes[state] = (x, y, widths[state], BOX_H)
            x += widths[state] + COL_GAP
    width = inner + 2 * MARGIN + LOOP + 60
    height = TOP + len(rows) * (BOX_H + ROW_GAP) - ROW_GAP + MARGIN
    row_of = {s: r for r, row in enumerate(rows) for s in row}
    marker = _attr(f"arrow-{workflow.id}")

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{_attr(FONT)}" '
        f'class="workflow-diagram" data-workflow="{_attr(workflow.id)}">',
        f"<title>{escape(workflow.title)}</title>",
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#495057"/></marker></defs>',
    ]

    # Initial-state marker.
    x, y, w, h = boxes[workflow.initial_state]
    out.append(
        f'<g class="initial-marker"><circle cx="{x + w / 2:.1f}" cy="{y - 34:.1f}" r="7" fill="#212529"/>'
        f'<line x1="{x + w / 2:.1f}" y1="{y - 27:.1f}" x2="{x + w / 2:.1f}" y2="{y - 2:.1f}" '
        f'stroke="#212529" stroke-width="1.5" marker-end="url(#{marker})"/></g>'
    )

    # States.
    for state in workflow.states.values():
        x, y, w, h = boxes[state.id]
        fill, stroke = FAMILY_COLOURS.get(state.family, ("#ffffff", "#495057"))
        classes = f"state family-{state.family}"
        classes += " initial" if state.id == workflow.initial_state else ""
        classes += " final" if state.final else ""
        out.append(f'<g class="{_attr(classes)}" id="state-{_attr(state.id)}">')
        out.append(f"<title>{escape(state.title)}（{escape(state.id)}）</title>")
        sw = 2.5 if state.id == workflow.initial_state else 1.5
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h}" rx="8" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/>'
        )
        if state.final:
            out.append(
                f'<rect x="{x + 4:.1f}" y="{y + 4:.1f}" width="{w - 8:.1f}" height="{h - 8}" rx="5" '
                f'fill="none" stroke="{stroke}" stroke-width="1"/>'
            )
        out.append(
            f'<text x="{x + w / 2:.1f}" y="{y + 22:.1f}" text-anchor="middle" font-size="15" '
            f'fill="#212529">{escape(state.title)}</text>'
        )
        out.append(
            f'<text x="{x + w / 2:.1f}" y="{y + 38:.1f}" text-anchor="middle" font-size="11" '
            f'fill="#868e96">{escape(state.id)}</text>'
        )
        out.append("</g>")

    # Transitions: one edge per (source, transition).
    edges = [(src, t) for t in workflow.transitions.values() for src in t.source]
    pair_count: dict[frozenset, int] = {}
    for src, t in edges:
        key = frozenset((src, t.target))
        pair_count[key] = pair_count.get(key, 0) + 1
    pair_seen: dict[frozenset, int] = {}
    order = list(workflow.states)
    for src, t in edges:
        key = frozenset((src, t.target))
        k = pair_seen.get(key, 0)
        pair_seen[key] = k + 1
        label = escape(t.title)
        tip = f"{t.title}（{t.id}）：需要权限 {t.guard.permission}"
        if t.guard.conditions:
            tip += "，条件 " + "、".join(t.guard.conditions)
        if t.requires_documents:
            tip += "，需文件 " + "、".join(t.requires_documents)
        if t.requires_comment:
            tip += "，须填写意见"
        out.append(
            f'<g class="transition" data-transition="{_attr(t.id)}" data-source="{_attr(src)}" '
            f'data-target="{_attr(t.target)}"><title>{escape(tip)}</title>'
        )
        if src == t.target:
            x, y, w, h = boxes[src]
            reach = 40 + 14 * k
            x0 = x + w
            path = (
                f"M{x0:.1f},{y + h * 0.3:.1f} C{x0 + reach:.1f},{y - 8:.1f} "
                f"{x0 + reach:.1f},{y + h + 8:.1f} {x0:.1f},{y + h * 0.7:.1f}"
            )
            lx, ly, anchor = x0 + reach * 0.75 + 4, y + h / 2 + 4, "start"
        else:
            a, b = sorted((src, t.target), key=order.index)
            ax, ay, aw, ah = boxes[a]
            bx, by, bw, bh = boxes[b]
            acx, acy, bcx, bcy = ax + aw / 2, ay + ah / 2, bx + bw / 2, by + bh / 2
            dx, dy = bcx - acx, bcy - acy
            length = math.hypot(dx, dy) or 1.0
            px, py = -dy / length, dx / length  # perpendicular of the canonical direction
            n = pair_count[key]
            offset = (k - (n - 1) / 2) * 44
            if n == 1 and abs(row_of[a] - row_of[b]) != 1:
                offset = 36  # bend edges that skip rows or run along a row
            mx, my = (acx + bcx) / 2 + px * offset * 2, (acy + bcy) / 2 + py * offset * 2
            (sx, sy, sw_, sh_), (tx, ty, tw, th) = boxes[src], boxes[t.target]
            scx, scy, tcx, tcy = sx + sw_ / 2, sy + sh_ / 2, tx + tw / 2, ty + th / 2
            x1, y1 = _clip(scx, scy, sw_ / 2, sh_ / 2, mx - scx, my - scy)
            x2, y2 = _clip(tcx, tcy, tw / 2, th / 2, mx - tcx, my - tcy)
            path = f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}"
            # Label nearer the source (t = 0.4) so opposite arrows' labels part.
            u = 0.4
            a0, a1, a2 = (1 - u) ** 2, 2 * u * (1 - u), u**2
            lx, ly = a0 * x1 + a1 * mx + a2 * x2, a0 * y1 + a1 * my + a2 * y2 + 4
            anchor = "middle"
        out.append(
            f'<path d="{path}" fill="none" stroke="#495057" stroke-width="1.4" marker-end="url(#{marker})"/>'
        )
        out.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="12" fill="#212529" '
            f'stroke="#ffffff" stroke-width="4" paint-order="stroke">{label}</text>'
        )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
