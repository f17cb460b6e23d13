"""The report's charts as PNG images for the Word report: the page's own SVG (tracker.reports.charts)
rendered by CairoSVG, so what is pasted is what the page shows, not a second drawing."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from markupsafe import Markup

log = logging.getLogger(__name__)
SCALE = 3  # 3 image pixels per SVG unit: sharp when printed at the width the Word report gives it


@dataclass
class ChartImage:
    png: bytes
    width: int  # SVG units (CSS px) of the chart, for its size on the page
    height: int
    caption: str


def _size(svg: str) -> tuple[int, int]:
    match = re.search(r'<svg [^>]*?width="(\d+)" height="(\d+)"', svg)
    return (int(match.group(1)), int(match.group(2))) if match else (600, 300)


def render(svg: Markup | str, caption: str = "") -> ChartImage | None:
    """The PNG of one chart; None (and a warning in the log) when Cairo cannot be loaded here."""
    try:
        import cairosvg
    except (ImportError, OSError) as e:  # the Python package, or the system's libcairo, is missing
        log.warning("Biểu đồ không được chèn vào báo cáo Word: không nạp được CairoSVG (%s).", e)
        return None
    text = str(svg)
    width, height = _size(text)
    png = cairosvg.svg2png(bytestring=text.encode("utf-8"), scale=SCALE, background_color="white")
    return ChartImage(png=png, width=width, height=height, caption=caption)


def for_report(charts: dict, agencies: int) -> dict[str, ChartImage]:
    """The images of `tracker.reports.charts.for_report`, by the same keys, with the page's captions."""
    captions = {
        "donut": "Cơ cấu nhiệm vụ theo phân loại",
        "trend": "Các quý gần nhất (cùng điều kiện lọc)",
        "bars": "Kết quả theo cơ quan chủ trì"
        + (" (20 cơ quan có nhiều nhiệm vụ nhất)" if agencies > 20 else ""),
    }
    out = {}
    for key, caption in captions.items():
        if charts.get(key) is None:
            continue
        image = render(charts[key], caption)
        if image is not None:
            out[key] = image
    return out
