"""The replay as one self-contained HTML file: figures, bar charts as inline SVG, unhandled groups,
rules never fired, errors. No script, no external file or font: it can be mailed as it is."""
from __future__ import annotations

import html
from datetime import datetime
from typing import Any, Sequence

from studio import i18n
from studio.i18n import N_, _, ngettext

FONTS = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
         '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif')
MAX_BARS = 30
MAX_ERRORS_SHOWN = 100
NO_INTENT = N_("(no intent)")
"""The bar of the turns with no intent (translated where it is drawn)."""
HTML_LANG = {"zh": "zh-CN", "en": "en"}

_STYLE = """
body { font-family: %(fonts)s; color: #1f2933; margin: 2em auto; max-width: 1080px; padding: 0 1.5em;
       line-height: 1.5; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #d9dee4; padding-bottom: 0.2em; }
.meta { color: #616e7c; font-size: 0.9em; }
.figures { display: flex; flex-wrap: wrap; gap: 0.8em; margin-top: 1.2em; }
.figure { border: 1px solid #d9dee4; border-radius: 6px; padding: 0.6em 1em; flex: 1 1 0; min-width: 120px; }
.figure .value { font-size: 1.6em; font-weight: bold; }
.figure .label { color: #616e7c; font-size: 0.85em; }
.figure .share { color: #616e7c; font-size: 0.85em; margin-left: 0.3em; }
.warn .value { color: #b44d12; }
svg text { font-family: %(fonts)s; font-size: 13px; fill: #1f2933; }
table { border-collapse: collapse; width: 100%%; font-size: 0.92em; }
th, td { text-align: left; padding: 0.35em 0.6em; border-bottom: 1px solid #eef1f4; vertical-align: top; }
th { color: #616e7c; font-weight: normal; }
th.count { width: 4.5em; text-align: right; }
td.count { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
ul.examples { margin: 0; padding-left: 1.1em; color: #3e4c59; }
.never { columns: 3; }
.none { color: #616e7c; font-style: italic; }
""" % {"fonts": FONTS}


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


WARN_COLOR = "#d9822b"


def bar_chart(items: Sequence[tuple[str, int]], color: str, total_items: int | None = None,
              warn: frozenset[str] = frozenset()) -> str:
    """Horizontal bars, one per (label, count), as an inline SVG; the labels in `warn` in orange."""
    if not items:
        return _none(_("none"))
    label_width, bar_width, row, top = 260, 560, 21, 6
    largest = max(count for _, count in items) or 1
    height = top * 2 + row * len(items)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + bar_width + 90}" height="{height}" '
             f'role="img">']
    for position, (label, count) in enumerate(items):
        y = top + position * row
        width = max(1, round(bar_width * count / largest))
        shown = label if len(label) <= 28 else label[:27] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end"><title>{_e(label)}</title>'
                     f'{_e(shown)}</text>'
                     f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{row - 6}" rx="2" '
                     f'fill="{WARN_COLOR if label in warn else color}"/>'
                     f'<text x="{label_width + width + 6}" y="{y + 15}">{count:,}</text>')
    parts.append("</svg>")
    more = (total_items or len(items)) - len(items)
    if more > 0:
        parts.append('<p class="meta">' + _e(_("and {count} more").format(count=f"{more:,}")) + "</p>")
    return "".join(parts)


def _figure(label: str, value: int, total: int | None = None, warn: bool = False) -> str:
    share = f'<span class="share">{_share(value, total)}</span>' if total is not None else ""
    return (f'<div class="figure{" warn" if warn and value else ""}"><div class="value">{value:,}{share}</div>'
            f'<div class="label">{_e(label)}</div></div>')


def render(report: dict[str, Any], project: str, logs: Sequence[str], fallback_rules: Sequence[str] = (),
           title: str | None = None, now: datetime | None = None) -> str:
    """The HTML page of a replay report (the `--json` object), in the current language; the bars
    of no intent and of the `fallback_rules` (condition ALWAYS) stand out."""
    now = now or datetime.now()
    title = _("Replay of customer logs") if title is None else title
    turns = report["turns"]
    no_intent = _(NO_INTENT)
    intents = sorted(((name or no_intent, n) for name, n in report["by_intent"].items()),
                     key=lambda item: (-item[1], item[0]))
    rules = sorted(report["by_rule"].items(), key=lambda item: (-item[1], item[0]))
    # TRANSLATORS: {count} log files are listed in {logs}; {time} is when the report was made.
    meta = ngettext("Project {project} · {count} log file: {logs} · {time}",
                    "Project {project} · {count} log files: {logs} · {time}", len(logs))
    never_fired, unhandled = len(report["never_fired"]), len(report["unhandled"])
    body = [
        f"<h1>{_e(title)}</h1>",
        '<p class="meta">' + _e(meta.format(project=project, count=len(logs), logs=", ".join(logs),
                                               time=f"{now:%Y-%m-%d %H:%M}")) + "</p>",
        '<div class="figures">',
        _figure(_("turns"), turns),
        _figure(_("conversations"), report["conversations"]),
        _figure(_("no intent"), report["no_intent"], turns, warn=True),
        _figure(_("fallback (ALWAYS or no rule)"), report["fallback"], turns, warn=True),
        _figure(_("empty reply"), report["empty_reply"], turns, warn=True),
        _figure(_("errors in the logs"), len(report["errors"]), warn=True),
        "</div>",
        _heading(_("Turns per intent")),
        bar_chart(intents[:MAX_BARS], "#3f7fbf", len(intents), frozenset({no_intent})),
        _heading(_("Turns per rule")),
        bar_chart(rules[:MAX_BARS], "#2f9e6e", len(rules), frozenset(fallback_rules)),
        _heading(_("Rules never fired ({count})").format(count=never_fired)),
        _never_fired(report["never_fired"]),
        _heading(ngettext("Unhandled messages, grouped ({count} group)",
                          "Unhandled messages, grouped ({count} groups)", unhandled).format(count=unhandled)),
        _unhandled(report["unhandled"], turns),
    ]
    if report["errors"]:
        body += [_heading(_("Errors in the logs ({count})").format(count=len(report["errors"]))),
                 _errors(report["errors"])]
    return ("<!DOCTYPE html>\n"
            f'<html lang="{HTML_LANG[i18n.language()]}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def _heading(text: str) -> str:
    return f"<h2>{_e(text)}</h2>"


def _none(text: str) -> str:
    return f'<p class="none">{_e(text)}</p>'


def _header(*cells: tuple[str, str]) -> str:
    """A table's header row from (class, label) pairs."""
    return "<tr>" + "".join(f'<th class="{c}">{_e(label)}</th>' if c else f"<th>{_e(label)}</th>"
                            for c, label in cells) + "</tr>"


def _unhandled(groups: list[dict[str, Any]], turns: int) -> str:
    if not groups:
        return _none(_("every message had an intent and a rule other than the fallback"))
    rows = ["<table>" + _header(("count", _("turns")), ("count", _("share")), ("", _("message (most frequent)")),
                                ("", _("other messages of the group")))]
    for group in groups:
        examples = "".join(f"<li>{_e(example)}</li>" for example in group["examples"][1:])
        rows.append(f'<tr><td class="count">{group["count"]:,}</td><td class="count">'
                    f'{_share(group["count"], turns)}</td><td>{_e(group["text"])}</td>'
                    f'<td><ul class="examples">{examples}</ul></td></tr>')
    rows.append("</table>")
    return "".join(rows)


def _never_fired(names: list[str]) -> str:
    if not names:
        return _none(_("every rule fired at least once"))
    return '<ul class="never">' + "".join(f"<li>{_e(name)}</li>" for name in names) + "</ul>"


def _errors(errors: list[dict[str, Any]]) -> str:
    rows = ["<table>" + _header(("", _("file")), ("count", _("line")), ("", _("problem")))]
    for error in errors[:MAX_ERRORS_SHOWN]:
        rows.append(f'<tr><td>{_e(error["file"])}</td><td class="count">{error["line"]}</td>'
                    f'<td>{_e(error["message"])}</td></tr>')
    rows.append("</table>")
    if len(errors) > MAX_ERRORS_SHOWN:
        more = len(errors) - MAX_ERRORS_SHOWN
        rows.append('<p class="meta">' + _e(_("and {count} more").format(count=f"{more:,}")) + "</p>")
    return "".join(rows)
