"""The status report: charts from the data, without rows of zeros."""

from __future__ import annotations

import re

from macros.html.report import bar_chart


def test_a_chart_leaves_out_empty_categories_and_names_them():
    chart = bar_chart("x", "Projekte nach Stand", [("Geplant", 2), ("Pausiert", 0), ("Laufend", 4)], "Projekte")
    assert [(bar.label, bar.value) for bar in chart.bars] == [("Geplant", 2), ("Laufend", 4)]
    assert chart.omitted == ["Pausiert"] and not chart.empty
    assert [bar.y for bar in chart.bars] == [0, 30]  # no gap where the empty row was
    nothing = bar_chart("y", "Leer", [("A", 0)])
    assert nothing.empty and nothing.bars == []


def test_the_report_page_draws_no_zero_bars(example_site):
    page = example_site.page("bericht/")
    values = re.findall(r'<text [^>]*class="hub-bars__value">([^<]*)</text>', page)
    assert values and "0" not in values
    assert not re.search(r"<td>0</td>", page)
    assert "Ohne Eintrag:" in page
