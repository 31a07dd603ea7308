"""Small server-side SVG charts for the agreement report: one per topic, a bar
per measure on a scale from -1 to 1 (no script, no library)."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from agreement.measures import Figures

BARS = (
    ("unitizing_alpha", "uα"),
    ("nominal_alpha", "α"),
    ("cohen_kappa", "κ (Cohen)"),
    ("fleiss_kappa", "κ (Fleiss)"),
    ("f1_exact", "F1 exact"),
    ("f1_overlap", "F1 overlap"),
)
WIDTH, LABEL, ROW = 320, 84, 18
SCALE = (WIDTH - LABEL - 40) / 2  # pixels per unit: the bars run from -1 to 1


def figures_chart(figures: Figures, *, title: str) -> SafeString:
    """An SVG bar chart of ``figures``; an undefined figure is drawn as “—”."""
    zero = LABEL + SCALE
    rows = []
    for index, (name, label) in enumerate(BARS):
        value = getattr(figures, name)
        y = index * ROW + 4
        if value is None:
            bar = format_html(
                '<text x="{}" y="{}" class="agreement-chart__none">—</text>', zero + 4, y + 11
            )
        else:
            clipped = max(-1.0, min(1.0, value))
            x = zero if clipped >= 0 else zero + clipped * SCALE
            bar = format_html(
                '<rect x="{}" y="{}" width="{}" height="12" class="{}"><title>{}: {}</title></rect>'
                '<text x="{}" y="{}" class="agreement-chart__value">{}</text>',
                f"{x:.1f}",
                y,
                f"{abs(clipped) * SCALE:.1f}",
                "agreement-chart__bar" if value >= 0 else "agreement-chart__bar--negative",
                label,
                f"{value:.3f}",
                f"{zero + max(clipped, 0) * SCALE + 4:.1f}",
                y + 11,
                f"{value:.2f}",
            )
        rows.append(
            format_html(
                '<text x="0" y="{}" class="agreement-chart__label">{}</text>{}', y + 11, label, bar
            )
        )
    height = len(BARS) * ROW + 8
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="agreement-chart" role="img" '
        'width="{}" height="{}" viewBox="0 0 {} {}" aria-label="{}"><title>{}</title>'
        '<line x1="{}" y1="0" x2="{}" y2="{}" class="agreement-chart__zero"/>{}</svg>',
        WIDTH,
        height,
        WIDTH,
        height,
        title,
        title,
        zero,
        zero,
        height,
        format_html_join("", "{}", ((row,) for row in rows)),
    )
