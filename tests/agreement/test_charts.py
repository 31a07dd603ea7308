"""The agreement report's SVG charts (``agreement.charts``): a bar per measure
on a scale from -1 to 1 (98 pixels a unit, zero at x=182), negative bars to the
left, values past the scale clipped, an undefined figure drawn as "—", the
title escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from agreement.charts import figures_chart
from agreement.measures import Figures

SVG = "{http://www.w3.org/2000/svg}"


def chart(**values) -> ET.Element:
    figures = Figures(
        topic="training-mou",
        spans=4,
        unitizing_alpha=values.get("unitizing_alpha"),
        nominal_alpha=values.get("nominal_alpha"),
        cohen_kappa=values.get("cohen_kappa"),
        fleiss_kappa=values.get("fleiss_kappa"),
        f1_exact=values.get("f1_exact"),
        f1_overlap=values.get("f1_overlap"),
    )
    return ET.fromstring(str(figures_chart(figures, title=values.get("title", "مذكرة التفاهم"))))


def test_the_frame_the_title_and_the_zero_line():
    svg = chart()
    assert (svg.get("width"), svg.get("height"), svg.get("viewBox")) == (
        "320",
        "116",
        "0 0 320 116",
    )
    assert svg.get("aria-label") == "مذكرة التفاهم"
    assert svg.find(f"{SVG}title").text == "مذكرة التفاهم"
    zero = svg.find(f"{SVG}line")
    assert (zero.get("x1"), zero.get("x2"), zero.get("y2")) == ("182.0", "182.0", "116")
    labels = [
        t.text for t in svg.findall(f"{SVG}text") if t.get("class") == "agreement-chart__label"
    ]
    assert labels == ["uα", "α", "κ (Cohen)", "κ (Fleiss)", "F1 exact", "F1 overlap"]


def test_every_figure_undefined_is_a_dash_and_no_bar():
    svg = chart()
    assert svg.findall(f"{SVG}rect") == []
    dashes = [t for t in svg.findall(f"{SVG}text") if t.get("class") == "agreement-chart__none"]
    assert [(t.text, t.get("x"), t.get("y")) for t in dashes][:2] == [
        ("—", "186.0", "15"),
        ("—", "186.0", "33"),
    ]
    assert len(dashes) == 6


def test_positive_negative_and_clipped_bars():
    svg = chart(unitizing_alpha=0.5, nominal_alpha=-0.25, cohen_kappa=1.7, f1_exact=0.0)
    bars = {
        rect.find(f"{SVG}title").text: (
            rect.get("x"),
            rect.get("y"),
            rect.get("width"),
            rect.get("class"),
        )
        for rect in svg.findall(f"{SVG}rect")
    }
    assert bars == {
        "uα: 0.500": ("182.0", "4", "49.0", "agreement-chart__bar"),
        "α: -0.250": ("157.5", "22", "24.5", "agreement-chart__bar--negative"),
        "κ (Cohen): 1.700": ("182.0", "40", "98.0", "agreement-chart__bar"),  # clipped at 1
        "F1 exact: 0.000": ("182.0", "76", "0.0", "agreement-chart__bar"),
    }
    values = [
        (t.text, t.get("x"))
        for t in svg.findall(f"{SVG}text")
        if t.get("class") == "agreement-chart__value"
    ]
    assert values == [("0.50", "235.0"), ("-0.25", "186.0"), ("1.70", "284.0"), ("0.00", "186.0")]


def test_the_title_is_escaped():
    html = str(
        figures_chart(
            Figures(None, 0, None, None, None, None, None, None), title='<script>"x"</script>'
        )
    )
    assert "<script>" not in html
    assert 'aria-label="&lt;script&gt;&quot;x&quot;&lt;/script&gt;"' in html
