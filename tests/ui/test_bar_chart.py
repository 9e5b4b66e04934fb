"""The bar chart of the Traffic panel: bars in proportion to their counts, the warned labels in orange."""
from __future__ import annotations

from PySide6.QtGui import QImage

from studio.ui import theme
from studio.ui.bar_chart import BarChart


def test_bars_are_in_proportion_and_the_warned_one_is_orange(qtbot):
    chart = BarChart("TRAFFIC_RULE_BAR")
    qtbot.addWidget(chart)
    chart.resize(600, 100)
    chart.set_items([("checkout", 40), ("fallback", 20), ("greet", 10)], frozenset({"fallback"}))
    widths = [chart.bar_rect(row).width() for row in range(3)]
    assert widths[0] == 2 * widths[1] == 4 * widths[2]
    assert chart.height() == chart.sizeHint().height()   # every row shows, the scroll area scrolls
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    image.fill(theme.BACKGROUND)
    chart.render(image)
    colour_at = lambda row: image.pixelColor(chart.bar_rect(row).center().toPoint()).name()   # noqa: E731
    assert colour_at(0) == theme.TRAFFIC_RULE_BAR.name()
    assert colour_at(1) == theme.TRAFFIC_WARN_BAR.name()
