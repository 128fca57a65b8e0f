"""Bar charts drawn on the server as SVG, each with a text alternative.

``bar_chart(chart_id, title, labels, series, horizontal=False)`` returns an SVG string:
``series`` is a sequence of ``(name, values, css_class)``; labels and names are escaped here,
so the result is safe to emit as markup. The SVG has ``role="img"`` and is labelled by its
``<title>`` and a ``<desc>`` that states every value, so a screen reader gets the numbers
even without the table printed beside each chart. Colours pass WCAG AA contrast on white and
bars differ by pattern (solid / hatched) as well as colour.
"""

from xml.sax.saxutils import escape, quoteattr

COLOURS = ("#1f4e8c", "#8a4b00")


def _desc(labels, series):
    parts = []
    for name, values, _cls in series:
        parts.append(f"{name}：" + "，".join(f"{lab}{val}" for lab, val in zip(labels, values)))
    return "；".join(parts) + "。"


def bar_chart(chart_id, title, labels, series, horizontal=False):
    labels = list(labels)
    top = max([max(values, default=0) for _n, values, _c in series] + [1])
    n_series = len(series)
    out = []
    if horizontal:
        row, left, width = 14 * n_series + 10, 150, 320
        height = 40 + row * len(labels)
        total_w = left + width + 60
    else:
        col, left, plot_h = 12 * n_series + 14, 36, 180
        total_w = left + col * len(labels) + 20
        height = plot_h + 70
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" id={quoteattr(chart_id)} role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {total_w} {height}" '
        f'class="chart" preserveAspectRatio="xMinYMin meet">'
    )
    out.append(f'<title id="{chart_id}-title">{escape(title)}</title>')
    out.append(f'<desc id="{chart_id}-desc">{escape(_desc(labels, series))}</desc>')
    out.append(
        '<defs><pattern id="%s-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="%s"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern></defs>'
        % (chart_id, COLOURS[1])
    )
    fills = [COLOURS[0], f"url(#{chart_id}-hatch)"]
    # legend
    for i, (name, _values, _cls) in enumerate(series):
        x = 10 + i * 110
        out.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{fills[i % 2]}"/>'
            f'<text x="{x + 16}" y="16" font-size="12" fill="#222">{escape(name)}</text>'
        )
    for li, label in enumerate(labels):
        for si, (_name, values, _cls) in enumerate(series):
            value = values[li]
            if horizontal:
                y = 30 + li * row + si * 14
                w = round(width * value / top)
                out.append(
                    f'<rect x="{left}" y="{y}" width="{w}" height="12" fill="{fills[si % 2]}"/>'
                    f'<text x="{left + w + 4}" y="{y + 10}" font-size="11" fill="#222">{value}</text>'
                )
            else:
                x = left + li * col + si * 12
                h = round(plot_h * value / top)
                y = 30 + plot_h - h
                out.append(f'<rect x="{x}" y="{y}" width="11" height="{h}" fill="{fills[si % 2]}"/>')
                if value:
                    out.append(
                        f'<text x="{x + 5}" y="{y - 2}" font-size="9" text-anchor="middle" '
                        f'fill="#222">{value}</text>'
                    )
        if horizontal:
            out.append(
                f'<text x="{left - 6}" y="{30 + li * row + 10}" font-size="11" '
                f'text-anchor="end" fill="#222">{escape(label)}</text>'
            )
        else:
            out.append(
                f'<text x="{left + li * col + 6 * n_series}" y="{30 + plot_h + 16}" '
                f'font-size="11" text-anchor="middle" fill="#222">{escape(label)}</text>'
            )
    if not horizontal:
        out.append(
            f'<line x1="{left - 2}" y1="{30 + plot_h}" x2="{total_w - 10}" y2="{30 + plot_h}" stroke="#555"/>'
        )
    out.append("</svg>")
    return "".join(out)
