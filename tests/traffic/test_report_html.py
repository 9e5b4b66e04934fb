"""The HTML report: one self-contained page with the figures, SVG bar charts, groups, rules never fired."""
from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser

from studio.project import SAMPLE_PROJECT
from studio.traffic.replay import replay
from studio.traffic.report import report_json
from studio.traffic.report_html import render
from tests.traffic.logs import INTERLEAVED, write_jsonl


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.sources: list[str] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.sources += [value for name, value in attrs if name in ("src", "href")]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        elif data.strip():
            self.text.append(data.strip())


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    return parser


def figure(text: list[str], label: str) -> str:
    """The value shown above `label`: the text before it, past a share in percent."""
    before = text[:text.index(label)]
    return before[-2] if before[-1].endswith("%") else before[-1]


def sample_report(tmp_path):
    pairs = INTERLEAVED + [("d", "<script>alert(1)</script> 发票")]
    counts = replay(SAMPLE_PROJECT, [write_jsonl(tmp_path / "log.jsonl", pairs)])
    return counts, report_json(counts)


def test_the_page_holds_the_figures_charts_groups_and_rules_never_fired(tmp_path):
    counts, report = sample_report(tmp_path)
    page = parse(render(report, "shop", ["log.jsonl"], counts.fallback_rules, now=datetime(2026, 11, 30, 12, 0)))
    text = page.text
    assert page.tags.count("svg") == 2 and "rect" in page.tags
    for value, label in ((report["turns"], "turns"), (report["conversations"], "conversations"),
                         (report["no_intent"], "no intent"), (report["fallback"], "fallback (ALWAYS or no rule)"),
                         (report["empty_reply"], "empty reply")):
        assert figure(text, label) == f"{value:,}"
    assert "快递几天能到" in text and "快递几天能到啊" in text
    assert all(rule in text for rule in report["never_fired"]) and report["never_fired"]
    assert all(rule in text for rule in report["by_rule"])
    assert "Noto Sans CJK SC" in page.style


def test_the_page_needs_nothing_outside_itself_and_escapes_messages(tmp_path):
    counts, report = sample_report(tmp_path)
    html = render(report, "shop", ["log.jsonl"], counts.fallback_rules)
    page = parse(html)
    assert page.sources == [] and "script" not in page.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 发票" in html


def test_the_fallback_rules_bar_stands_out(tmp_path):
    counts, report = sample_report(tmp_path)
    html = render(report, "shop", ["log.jsonl"], counts.fallback_rules)
    assert counts.fallback_rules == ["fallback"]
    fallback_bar = html[html.index("<title>fallback</title>"):]
    assert 'fill="#d9822b"' in fallback_bar[:fallback_bar.index("</text>", fallback_bar.index("<rect")) ]
