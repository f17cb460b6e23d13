"""Native Excel charts (openpyxl.chart) over the cells of the exported workbook: the same three
charts as the report page — the categories' shares, the agencies' stacked bars, the quarters' trend —
in the page's colours, but drawn by Excel from the cells, so the official can restyle, resize or copy
them into the province's report like any chart of theirs."""

from __future__ import annotations

from flask_babel import gettext as _
from openpyxl.chart import BarChart, DoughnutChart, LineChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.series import SeriesLabel

from tracker.reports.charts import COLOURS
from tracker.tasks.models import CATEGORIES

CM = 1  # openpyxl sizes charts in cm
MAX_BARS = 40  # agencies charted (the first rows of the ranked table); the table keeps them all


def _values_only() -> DataLabelList:
    """Data labels that show the value alone (Excel and LibreOffice otherwise add the names)."""
    labels = DataLabelList()
    labels.showVal = True
    labels.showSerName = labels.showCatName = labels.showLegendKey = labels.showPercent = False
    return labels


def _colour(series, key: str) -> None:
    colour = COLOURS[key].lstrip("#").upper()
    series.graphicalProperties.solidFill = colour
    series.graphicalProperties.line.solidFill = colour


def categories_doughnut(ws, label_col: int, value_col: int, first_row: int, anchor: str) -> DoughnutChart:
    """The five categories' shares; rows `first_row`… hold them in CATEGORIES order."""
    chart = DoughnutChart(holeSize=50)
    chart.title = _("Cơ cấu nhiệm vụ theo phân loại")
    last = first_row + len(CATEGORIES) - 1
    chart.add_data(Reference(ws, min_col=value_col, min_row=first_row, max_row=last), titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=label_col, min_row=first_row, max_row=last))
    series = chart.series[0]
    series.tx = SeriesLabel(v=_("Số nhiệm vụ"))
    for i, key in enumerate(CATEGORIES):
        point = DataPoint(idx=i)
        point.graphicalProperties.solidFill = COLOURS[key].lstrip("#").upper()
        series.dPt.append(point)
    series.dLbls = _values_only()
    chart.width, chart.height = 16 * CM, 9 * CM
    ws.add_chart(chart, anchor)
    return chart


def stacked_bars(
    ws, name_col: int, first_cat_col: int, header_row: int, last_row: int, anchor: str
) -> BarChart | None:
    """One horizontal bar per agency row, split into the five category columns (their headers name
    the series)."""
    if last_row <= header_row:
        return None
    last = min(last_row, header_row + MAX_BARS)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 60
    chart.title = _("Kết quả thực hiện theo cơ quan chủ trì") + (
        " " + _("(%(n)s cơ quan đầu bảng)", n=last - header_row) if last < last_row else ""
    )
    data = Reference(
        ws,
        min_col=first_cat_col,
        max_col=first_cat_col + len(CATEGORIES) - 1,
        min_row=header_row,
        max_row=last,
    )
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=name_col, min_row=header_row + 1, max_row=last))
    for series, key in zip(chart.series, CATEGORIES, strict=True):
        _colour(series, key)
    chart.x_axis.scaling.orientation = "maxMin"  # the first row of the table on top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.title = _("Số nhiệm vụ")
    chart.y_axis.majorGridlines = None
    chart.legend.position = "t"
    chart.width = 24 * CM
    chart.height = max(8, 2.5 + 0.6 * (last - header_row)) * CM
    ws.add_chart(chart, anchor)
    return chart


def trend_columns(
    ws, label_col: int, first_cat_col: int, rate_col: int, header_row: int, last_row: int, anchor: str
) -> BarChart | None:
    """Stacked columns per quarter, and the completion rate (%) as a line on a second axis."""
    if last_row <= header_row:
        return None
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = _("Xu hướng qua các quý")
    data = Reference(
        ws,
        min_col=first_cat_col,
        max_col=first_cat_col + len(CATEGORIES) - 1,
        min_row=header_row,
        max_row=last_row,
    )
    chart.add_data(data, titles_from_data=True)
    cats = Reference(ws, min_col=label_col, min_row=header_row + 1, max_row=last_row)
    chart.set_categories(cats)
    for series, key in zip(chart.series, CATEGORIES, strict=True):
        _colour(series, key)
    chart.y_axis.title = _("Số nhiệm vụ")
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    line = LineChart()
    line.add_data(
        Reference(ws, min_col=rate_col, min_row=header_row, max_row=last_row), titles_from_data=True
    )
    line.set_categories(cats)
    line.y_axis.axId = 200
    line.y_axis.title = _("Tỷ lệ hoàn thành (%)")
    line.y_axis.crosses = "max"
    line.y_axis.delete = False
    line.series[0].graphicalProperties.line.solidFill = "212529"
    line.series[0].smooth = False
    line.series[0].dLbls = _values_only()
    line.series[0].dLbls.numFmt = "0.00"
    line.series[0].dLbls.position = "t"
    chart += line
    chart.legend.position = "b"
    chart.width, chart.height = 20 * CM, 11 * CM
    ws.add_chart(chart, anchor)
    return chart
