"""Charts drawn on the server as SVG with pygal, inlined in the page.

Why pygal: a maintained pure-Python library (no compiled dependency, unlike matplotlib) whose
output is plain SVG with its own stylesheet — no script needed to show it, nothing from a CDN,
so it lives under the site's strict CSP (`script-src 'self'`; inline styles are allowed). pygal
also writes a small inline script (its tooltips' configuration, which needs pygal.js from a CDN):
it is removed here, as the tooltips are. The numbers are in the table under each chart, which is
what screen readers and keyboard users read; the SVG is one image named by its caption.
"""

from __future__ import annotations

from xml.etree import ElementTree

import pygal
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

SVG_NS = "http://www.w3.org/2000/svg"
# Dark text on white, colours told apart without relying on hue alone (the table holds the
# numbers); contrast of text ≥ 4.5:1.
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1f1f1f",
    foreground_strong="#1f1f1f",
    foreground_subtle="#595959",
    opacity="1",
    opacity_hover="1",
    colors=("#1b5e9e", "#b5431b", "#5e6b2f", "#6b3f91", "#7a5a00", "#3d3d3d"),
    font_family="system-ui, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=12,
)


def _svg(chart: pygal.graph.graph.Graph) -> str:
    tree = chart.render_tree()
    for parent in tree.iter():
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}script", "script"):
                parent.remove(child)
    tree.set("aria-hidden", "true")
    tree.set("focusable", "false")
    return ElementTree.tostring(tree, encoding="unicode")


def _figure(svg: str, *, caption_id: str) -> SafeString:
    # The SVG is generated from numbers and labels pygal escapes itself.
    return format_html(
        '<div class="chart" role="img" aria-labelledby="{}">{}</div>',
        caption_id,
        mark_safe(svg),  # noqa: S308
    )


def bars(labels: list[str], values: list[int], *, caption_id: str, series: str = "") -> SafeString:
    """Horizontal bars, one per label."""
    chart = pygal.HorizontalBar(
        style=STYLE,
        disable_xml_declaration=True,
        js=[],
        show_legend=False,
        width=640,
        height=max(160, 40 * len(labels) + 60),
        print_values=False,
        margin=8,
        truncate_label=40,
    )
    chart.x_labels = labels
    chart.add(series or "n", values)
    return _figure(_svg(chart), caption_id=caption_id)


def stacked_months(
    months: list[str], series: dict[str, list[int]], *, caption_id: str
) -> SafeString:
    """One stacked bar per month, one colour per series (the legend names them)."""
    chart = pygal.StackedBar(
        style=STYLE,
        disable_xml_declaration=True,
        js=[],
        width=720,
        height=320,
        legend_at_bottom=True,
        margin=8,
        x_label_rotation=0,
    )
    chart.x_labels = months
    for name, values in series.items():
        chart.add(name, values)
    return _figure(_svg(chart), caption_id=caption_id)
