"""Charts drawn on the server as SVG: no JavaScript library, no CDN, no inline style (the CSP
forbids it) — colours are SVG presentation attributes, so the charts print as they show.

The same SVG is the page's chart and, rendered to PNG by CairoSVG (`chart_images`), the Word
report's. Text is in the site's font (a sans-serif: on the page the stylesheet gives the exact
family), periods are named as everywhere else ("Quý III/2024"), rates have two decimals (31,15 %),
and an agency's name is wrapped over two lines, abbreviated if it still does not fit, with the full
name in a tooltip."""

from __future__ import annotations

import math

from flask_babel import gettext as _
from markupsafe import Markup, escape

from tracker.core.dates import fmt_date, fmt_number, fmt_percent
from tracker.reports.classify import Counts
from tracker.tasks.models import CATEGORIES

# Distinct on screen and on a grey-scale printout; the legend always names them.
COLOURS = {
    "done_on_time": "#146c43",
    "done_late": "#74b816",
    "awaiting_confirmation": "#0aa2c0",
    "overdue": "#b02a37",
    "in_progress_on_time": "#0a58ca",
}
ORDER = ["done_on_time", "done_late", "awaiting_confirmation", "in_progress_on_time", "overdue"]
# Bootstrap's sans-serif stack, the site's font (app.css sets the page's charts to it exactly).
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif'
# Average advance of a character of that font, in em: DejaVu Sans, the widest of the usual ones.
CHAR_EM = 0.56
# Shorter forms of the usual words of agency names, tried in this order when a name does not fit.
ABBREVIATIONS = [
    ("Ủy ban nhân dân", "UBND"),
    ("Uỷ ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Ban Quản lý", "BQL"),
    ("thành phố", "TP."),
    ("Thành phố", "TP."),
    ("thị xã", "TX."),
    ("Trung tâm", "TT."),
    ("Khu kinh tế", "KKT"),
    (" và ", " & "),
]


def el(tag: str, text: str | None = None, *children: Markup, **attrs) -> Markup:
    """An SVG element; every attribute value and the text are escaped (`stroke_width` -> stroke-width)."""
    # Joined as plain strings of escaped parts (Markup.format per attribute cost a tenth of the
    # report page's time: a chart has hundreds of elements).
    parts = [f"<{tag}"]
    for name, value in attrs.items():
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"')
    parts.append(">")
    parts += [str(escape(child)) for child in children]
    if text is not None:
        parts.append(str(escape(text)))
    parts.append(f"</{tag}>")
    return Markup("".join(parts))  # noqa: S704  # nosec B704 - every value, text and child is escaped


def _svg(width: int, height: int, label: str, body: list[Markup], css_class: str) -> Markup:
    return el(
        "svg",
        None,
        el("title", label),
        *body,
        xmlns="http://www.w3.org/2000/svg",
        class_=f"report-chart {css_class}",
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        role="img",
        aria_label=label,
        font_family=FONT,
    )


def _text(x, y, text, size=12, anchor="start", weight="normal", fill="#212529") -> Markup:
    return el(
        "text",
        text,
        x=f"{x:.1f}",
        y=f"{y:.1f}",
        font_size=size,
        text_anchor=anchor,
        font_weight=weight,
        fill=fill,
    )


def _n(value: float) -> str:
    return f"{value:.3f}"


def _wrap(words: list[str], per_line: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def fit(name: str, width: float, size: float = 12, max_lines: int = 2) -> list[str]:
    """`name` in at most `max_lines` lines of `width` px at `size` px: wrapped at spaces, then with
    the usual abbreviations (UBND, TP., BQL…), then cut with '…' — never in the middle of a word
    unless one word alone is wider than the line."""
    per_line = max(int(width / (size * CHAR_EM)), 4)
    lines = _wrap(name.split(), per_line)
    if len(lines) <= max_lines and all(len(line) <= per_line for line in lines):
        return lines
    short = name
    for long_form, short_form in ABBREVIATIONS:
        short = short.replace(long_form, short_form)
        lines = _wrap(short.split(), per_line)
        if len(lines) <= max_lines and all(len(line) <= per_line for line in lines):
            return lines
    cut = len(lines) > max_lines
    lines = [line if len(line) <= per_line else line[: per_line - 1] + "…" for line in lines[:max_lines]]
    if cut:
        last = lines[-1].rstrip("…")
        lines[-1] = (last if len(last) < per_line else last[: per_line - 1]).rstrip() + "…"
    return lines


def _label(x, y, lines: list[str], full: str, size=12, anchor="end") -> Markup:
    """A possibly wrapped label, vertically centred on `y`, with the full text as its tooltip."""
    first = y - (len(lines) - 1) * size * 0.6
    spans = [
        el("tspan", line, x=f"{x:.1f}", dy="0" if i == 0 else f"{size * 1.2:.1f}")
        for i, line in enumerate(lines)
    ]
    text = el(
        "text",
        None,
        *spans,
        x=f"{x:.1f}",
        y=f"{first:.1f}",
        font_size=size,
        text_anchor=anchor,
        fill="#212529",
    )
    return el("g", None, el("title", full), text, class_="chart-label")


def legend(x: int, y: int, counts: Counts | None = None, columns: int = 1, width: int = 240) -> list[Markup]:
    out = []
    for i, key in enumerate(ORDER):
        cx = x + (i % columns) * width
        cy = y + (i // columns) * 22
        label = _(CATEGORIES[key]) + (f": {fmt_number(getattr(counts, key))}" if counts is not None else "")
        out.append(el("rect", x=cx, y=cy - 11, width=14, height=14, fill=COLOURS[key]))
        out.append(_text(cx + 20, cy + 1, label, size=13))
    return out


def donut(counts: Counts, label: str | None = None, compact: bool = False) -> Markup:
    """A ring of the five categories with the total in the middle, and a legend with the figures
    (beside it, or below it when `compact`, for a narrow column)."""
    label = label or _("Cơ cấu nhiệm vụ theo phân loại")
    r, stroke = 70, 34
    cx, cy = (150, 95) if compact else (95, 95)
    circumference = 2 * math.pi * r
    body = [el("circle", cx=cx, cy=cy, r=r, fill="none", stroke="#e9ecef", stroke_width=stroke)]
    offset = 0.0
    total = counts.total
    for key in ORDER:
        value = getattr(counts, key)
        if not total or not value:
            continue
        length = circumference * value / total
        share = fmt_percent(value / total * 100)
        body.append(
            el(
                "circle",
                None,
                el("title", f"{_(CATEGORIES[key])}: {fmt_number(value)} ({share})"),
                class_=f"seg-{key}",
                cx=cx,
                cy=cy,
                r=r,
                fill="none",
                stroke=COLOURS[key],
                stroke_width=stroke,
                stroke_dasharray=f"{_n(length)} {_n(circumference - length)}",
                stroke_dashoffset=_n(-offset),
                transform=f"rotate(-90 {cx} {cy})",
            )
        )
        offset += length
    body.append(_text(cx, cy + 4, fmt_number(total), size=26, anchor="middle", weight="bold"))
    body.append(_text(cx, cy + 24, _("nhiệm vụ"), size=13, anchor="middle", fill="#495057"))
    lx, ly = (40, 215) if compact else (210, 40)
    body += legend(lx, ly, counts)
    if total:
        body.append(
            _text(
                lx,
                ly + 120,
                _("Tỷ lệ hoàn thành: %(rate)s", rate=fmt_percent(counts.completion_rate * 100)),
                size=13,
                weight="bold",
            )
        )
    if compact:
        return _svg(300, 345, label, body, "chart-donut chart-compact")
    return _svg(490, 195, label, body, "chart-donut")


def stacked_bars(rows, label: str | None = None, limit: int = 20) -> Markup:
    """One horizontal bar per agency (the `limit` with most tasks), split by category; the agency's
    name wrapped over two lines beside it, its full name and figures in the tooltips."""
    label = label or _("Kết quả thực hiện theo cơ quan chủ trì")
    rows = sorted(rows, key=lambda r: (-r.counts.total, r.label))[:limit]
    left, bar_w, top, size = 270, 440, 62, 12
    labels = [fit(row.label, left - 14, size) for row in rows]
    row_h = 34 if any(len(lines) > 1 for lines in labels) else 22
    height = top + row_h * max(len(rows), 1) + 12
    biggest = max((r.counts.total for r in rows), default=0) or 1
    body = legend(12, 18, columns=3, width=240)
    for i, (row, lines) in enumerate(zip(rows, labels, strict=True)):
        y = top + i * row_h
        middle = y + row_h / 2
        body.append(_label(left - 8, middle + size * 0.35, lines, row.label, size=size))
        x = float(left)
        for key in ORDER:
            value = getattr(row.counts, key)
            if not value:
                continue
            w = bar_w * value / biggest
            body.append(
                el(
                    "rect",
                    None,
                    el("title", f"{row.label} — {_(CATEGORIES[key])}: {fmt_number(value)}"),
                    x=_n(x),
                    y=_n(middle - 8),
                    width=_n(w),
                    height=16,
                    fill=COLOURS[key],
                )
            )
            x += w
        body.append(_text(x + 6, middle + 4, fmt_number(row.counts.total), size=size))
    if not rows:
        body.append(_text(left, top + 14, _("Không có nhiệm vụ."), size=13))
    return _svg(left + bar_w + 50, height, label, body, "chart-bars")


def trend(points, label: str | None = None) -> Markup:
    """Stacked columns per official quarter ("Quý III/2024"), with the completion rate above each."""
    label = label or _("Xu hướng qua các quý")
    left, top, plot_h, col_w, gap = 50, 62, 170, 76, 50
    width = left + len(points) * (col_w + gap) + 20
    height = top + plot_h + 60
    biggest = max((c.total for _p, _on, c in points), default=0) or 1
    body = [el("line", x1=left - 5, y1=top + plot_h, x2=width - 10, y2=top + plot_h, stroke="#6c757d")]
    for i, (period, on, counts) in enumerate(points):
        x = left + i * (col_w + gap)
        y = float(top + plot_h)
        for key in ORDER:
            value = getattr(counts, key)
            if not value:
                continue
            h = plot_h * value / biggest
            y -= h
            body.append(
                el(
                    "rect",
                    None,
                    el("title", f"{period.name} — {_(CATEGORIES[key])}: {fmt_number(value)}"),
                    x=x,
                    y=_n(y),
                    width=col_w,
                    height=_n(h),
                    fill=COLOURS[key],
                )
            )
        body.append(
            _text(
                x + col_w / 2,
                y - 18,
                _("%(n)s nhiệm vụ", n=fmt_number(counts.total)),
                size=12,
                anchor="middle",
            )
        )
        if counts.total:
            body.append(
                _text(
                    x + col_w / 2,
                    y - 4,
                    fmt_percent(counts.completion_rate * 100),
                    size=12,
                    anchor="middle",
                    weight="bold",
                )
            )
        body.append(_text(x + col_w / 2, top + plot_h + 18, period.name, size=13, anchor="middle"))
        body.append(
            _text(
                x + col_w / 2,
                top + plot_h + 34,
                _("đến %(day)s", day=fmt_date(on)),
                size=11,
                anchor="middle",
                fill="#495057",
            )
        )
    body.append(
        _text(left - 5, 16, _("Số nhiệm vụ theo phân loại và tỷ lệ hoàn thành"), size=12, fill="#495057")
    )
    return _svg(max(width, 320), height, label, body, "chart-trend")


def for_report(report) -> dict[str, Markup | None]:
    """The report's charts, as the page shows them and the Word report pastes them."""
    return {
        "donut": donut(report.summary),
        "bars": stacked_bars(report.agencies),
        "trend": trend(report.trend) if report.trend else None,
    }
