"""The report's charts: the site's font (not a serif), agency names that fit (wrapped, abbreviated,
the full name in a tooltip), quarters named "Quý III/2024", rates with two decimals, and the same SVG
rendered to PNG by CairoSVG for the Word report."""

import datetime as dt
import html
import re
import struct

import pytest

from tracker.reports import chart_images, charts, periods
from tracker.reports.classify import Counts
from tracker.reports.queries import Row

Q3 = Counts(total=127, done_on_time=86, awaiting_confirmation=19, in_progress_on_time=22)
LONG = "Ủy ban nhân dân thành phố Nha Trang thuộc tỉnh Khánh Hòa và các phường, xã trực thuộc thành phố Nha Trang"


def _rows():
    return [
        Row(1, "Sở Lao động - Thương binh và Xã hội", Counts(total=6, done_on_time=3, in_progress_on_time=3)),
        Row(2, LONG, Counts(total=4, done_on_time=4)),
        Row(3, "Sở Tư pháp", Counts(total=6, done_on_time=5, awaiting_confirmation=1)),
    ]


def test_the_charts_use_a_sans_serif_font_like_the_site():
    for svg in (charts.donut(Q3), charts.stacked_bars(_rows()), charts.trend([])):
        family = re.search(r'font-family="([^"]+)"', str(svg)).group(1)
        assert "serif" in family and "Times" not in family and family.split(",")[0] == "system-ui"
        assert family.rstrip().endswith("sans-serif")


def test_an_agency_name_is_never_cut_in_a_word_and_keeps_its_full_name_in_the_tooltip():
    svg = str(charts.stacked_bars(_rows()))
    labels = re.findall(r'<g class="chart-label"><title>([^<]+)</title><text[^>]*>(.*?)</text></g>', svg)
    by_name = {
        html.unescape(full): [html.unescape(t) for t in re.findall(r"<tspan[^>]*>([^<]*)</tspan>", inner)]
        for full, inner in labels
    }
    assert by_name["Sở Lao động - Thương binh và Xã hội"] == ["Sở Lao động - Thương binh và Xã hội"]
    assert by_name["Sở Tư pháp"] == ["Sở Tư pháp"]
    long = by_name[LONG]
    assert len(long) == 2 and long[0].startswith("UBND TP. Nha Trang") and long[-1].endswith("…")
    words = set(LONG.split()) | {"UBND", "TP.", "&"}
    for line in long:
        assert all(w in words for w in line.rstrip("…").split()[:-1])  # whole words but the cut last one


def test_fit_wraps_then_abbreviates_then_cuts():
    assert charts.fit("Sở Tư pháp", 200) == ["Sở Tư pháp"]
    assert charts.fit("Ủy ban nhân dân thành phố Nha Trang", 120) == ["UBND thành phố", "Nha Trang"]
    lines = charts.fit("Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa thuộc Văn phòng UBND tỉnh", 120)
    assert len(lines) == 2 and lines[0].startswith("TT.") and lines[1].endswith("…")
    assert all(len(line) <= int(120 / (12 * charts.CHAR_EM)) for line in lines)


def test_quarters_are_named_as_everywhere_else_and_rates_have_two_decimals():
    quarter = periods.official("q3", 2024)
    svg = str(charts.trend([(quarter, dt.date(2024, 9, 14), Q3)]))
    assert "Quý III/2024" in svg and "Q3/2024" not in svg
    assert "67,72\u00a0%" in svg and "67,7\u00a0%" not in svg
    assert "đến 14/09/2024" in svg
    donut = str(charts.donut(Q3))
    assert "Tỷ lệ hoàn thành: 67,72\u00a0%" in donut and "Hoàn thành đúng hạn: 86 (67,72\u00a0%)" in donut


def test_the_word_reports_images_are_the_pages_svg_rendered_by_cairosvg():
    pytest.importorskip("cairosvg")
    svg = charts.donut(Q3)
    image = chart_images.render(svg, "Cơ cấu")
    assert image.png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", image.png[16:24])
    assert (width, height) == (490 * chart_images.SCALE, 195 * chart_images.SCALE)
    assert (image.width, image.height) == (490, 195)
    report = type("R", (), {"summary": Q3, "agencies": _rows(), "trend": []})()
    images = chart_images.for_report(charts.for_report(report), 3)
    assert {key: i.caption for key, i in images.items()} == {
        "donut": "Cơ cấu nhiệm vụ theo phân loại",
        "bars": "Kết quả theo cơ quan chủ trì",
    }
