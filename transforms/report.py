"""The analyst report as one self-contained HTML page: chart specs and markup from query results.

Pure functions: the rows come in as lists of dicts (one per query in warehouse/report.sql), the
Vega/Vega-Lite JavaScript as a string; nothing here reads files or the warehouse.
Charts are Vega-Lite specs (the network is a Vega spec: Vega-Lite has no force layout) rendered
in the page by vega-embed, whose JavaScript is inlined so the file opens offline.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from html import escape

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
# Cooperation in greens, conflict in reds: the GDELT convention readers expect.
QUAD_COLOURS = {1: "#74c476", 2: "#238b45", 3: "#fb6a4a", 4: "#a50f15"}

# Timelines longer than this many days are bucketed by week, shorter ones by day: about 90 bars
# is the most a 900-pixel-wide chart shows legibly.
DAILY_TIMELINE_MAX_DAYS = 90

# A few misresolved or historical dates (a "1972" in a 1987 story) would stretch the axis over
# decades and shrink every real bar to a hairline. When they at least double the span, the
# timeline shows the shortest span that holds this share of the dated events, and says how many
# it left out. On 2,000 Reuters articles 90% of events fall in 3 weeks, the rest over 23 years.
TIMELINE_CORE_SHARE = 0.9

CHART_WIDTH = 640


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def script_json(value) -> str:
    """`value` as JSON that is safe inside a <script> element."""
    text = json.dumps(value, default=_json_default, ensure_ascii=False, sort_keys=True)
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def quad_name(quad_class: int) -> str:
    return QUAD_NAMES.get(quad_class, f"quad class {quad_class}")


def _quad_encoding() -> dict:
    return {
        "field": "quad", "type": "nominal", "title": "quad class",
        "scale": {"domain": list(QUAD_NAMES.values()), "range": list(QUAD_COLOURS.values())},
        "sort": list(QUAD_NAMES.values()),
    }


def timeline_bucket(days: list[date]) -> str:
    """'day' or 'week': the bucket for a timeline spanning `days`."""
    if not days:
        return "day"
    return "week" if (max(days) - min(days)).days > DAILY_TIMELINE_MAX_DAYS else "day"


def timeline_window(event_days: list[dict], core_share: float = TIMELINE_CORE_SHARE) -> tuple[date, date] | None:
    """(first, last) day the timeline shows: every dated event, or the shortest span holding
    `core_share` of them when outlying dates would at least double the span. None when no event
    has a date."""
    per_day: dict[date, int] = {}
    for r in event_days:
        if r["day"] is not None:
            per_day[r["day"]] = per_day.get(r["day"], 0) + r["num_events"]
    if not per_day:
        return None
    days = sorted(per_day)
    need = core_share * sum(per_day.values())
    best, right, inside = (days[0], days[-1]), 0, 0
    for left in range(len(days)):
        while right < len(days) and inside < need:
            inside += per_day[days[right]]
            right += 1
        if inside >= need and (days[right - 1] - days[left]) < (best[1] - best[0]):
            best = (days[left], days[right - 1])
        inside -= per_day[days[left]]
    if 2 * (best[1] - best[0]).days >= (days[-1] - days[0]).days:
        return days[0], days[-1]
    return best


def _week_start(day: date) -> date:
    """The Sunday starting `day`'s week (Vega-Lite's `yearweek` buckets start on Sunday)."""
    return day - timedelta(days=(day.weekday() + 1) % 7)


def timeline_rows(event_days: list[dict]) -> tuple[list[dict], str, int]:
    """(rows per bucket and quad class, the bucket, events not shown) from event_days rows; events
    not shown have no date or fall outside timeline_window."""
    window = timeline_window(event_days)
    shown = [r for r in event_days if window and r["day"] is not None and window[0] <= r["day"] <= window[1]]
    hidden = sum(r["num_events"] for r in event_days) - sum(r["num_events"] for r in shown)
    bucket = "week" if window and (window[1] - window[0]).days > DAILY_TIMELINE_MAX_DAYS else "day"
    totals: dict[tuple[date, int], int] = {}
    for row in shown:
        key = (row["day"] if bucket == "day" else _week_start(row["day"]), row["quad_class"])
        totals[key] = totals.get(key, 0) + row["num_events"]
    rows = [{"period": start.isoformat(), "quad_class": q, "quad": quad_name(q), "num_events": n}
            for (start, q), n in sorted(totals.items())]
    return rows, bucket, hidden


def timeline_spec(rows: list[dict], bucket: str) -> dict:
    """Stacked bars: events per day or week, by quad class."""
    time_unit = "yearmonthdate" if bucket == "day" else "yearweek"
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": CHART_WIDTH, "height": 260,
        "data": {"values": rows},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "period", "type": "temporal", "timeUnit": time_unit,
                  "title": "week starting (Sunday)" if bucket == "week" else "day",
                  "axis": {"format": "%d %b %Y", "labelAngle": -30, "labelOverlap": True}},
            "y": {"field": "num_events", "type": "quantitative", "aggregate": "sum", "title": "events"},
            "color": _quad_encoding(),
            "order": {"field": "quad_class", "sort": "ascending"},
        },
    }


def bar_spec(rows: list[dict], label: str, value: str, label_title: str, value_title: str,
             colour: str | None = None) -> dict:
    """Horizontal bars, largest first; `colour` names a quad-class field to stack by."""
    encoding = {
        "y": {"field": label, "type": "nominal", "title": label_title, "sort": "-x",
              "axis": {"labelLimit": 260}},
        "x": {"field": value, "type": "quantitative", "aggregate": "sum", "title": value_title},
        "tooltip": [{"field": label, "type": "nominal"}, {"field": value, "type": "quantitative", "aggregate": "sum"}],
    }
    if colour:
        encoding["color"] = _quad_encoding()
        encoding["order"] = {"field": "quad_class", "sort": "ascending"}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": CHART_WIDTH - 200,
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": encoding,
    }


def actor_rows(top_actors: list[dict]) -> list[dict]:
    return [{"actor": f"{r['name']} ({r['country']})" if r["country"] else r["name"], "num_events": r["num_events"]}
            for r in top_actors]


def dyad_rows(top_dyads: list[dict]) -> list[dict]:
    rows = []
    for r in top_dyads:
        pair = f"{r['actor1_name']} → {r['actor2_name']}"
        conflict = r["num_conflict"]
        rows.append({"pair": pair, "quad": "conflict (3, 4)", "num_events": conflict})
        rows.append({"pair": pair, "quad": "cooperation (1, 2)", "num_events": r["num_events"] - conflict})
    return rows


def dyad_spec(rows: list[dict]) -> dict:
    spec = bar_spec(rows, "pair", "num_events", "actor → recipient", "events")
    spec["encoding"]["color"] = {"field": "quad", "type": "nominal", "title": "events",
                                 "scale": {"domain": ["cooperation (1, 2)", "conflict (3, 4)"],
                                           "range": [QUAD_COLOURS[2], QUAD_COLOURS[4]]}}
    return spec


def country_rows(countries: list[dict]) -> list[dict]:
    totals: dict[str, int] = {}
    for r in countries:
        totals[r["country"]] = totals.get(r["country"], 0) + r["num_events"]
    top = set(sorted(totals, key=lambda c: (-totals[c], c))[:25])
    return [{"country": r["country"], "quad_class": r["quad_class"], "quad": quad_name(r["quad_class"]),
             "num_events": r["num_events"]} for r in countries if r["country"] in top]


def network_spec(pairs: list[dict]) -> dict:
    """A force-directed network (Vega): actors as nodes sized by events, pairs as links weighted by events."""
    index: dict[str, int] = {}
    nodes: list[dict] = []
    for r in pairs:
        for name, country in ((r["actor_a"], r["country_a"]), (r["actor_b"], r["country_b"])):
            if name not in index:
                index[name] = len(nodes)
                nodes.append({"name": name, "country": country or "unknown", "num_events": 0})
            nodes[index[name]]["num_events"] += r["num_events"]
    links = [{"source": index[r["actor_a"]], "target": index[r["actor_b"]], "num_events": r["num_events"]}
             for r in pairs]
    return {
        "$schema": "https://vega.github.io/schema/vega/v5.json",
        "width": CHART_WIDTH, "height": 460, "autosize": "none", "padding": 30,
        "signals": [{"name": "cx", "update": "width / 2"}, {"name": "cy", "update": "height / 2"}],
        "data": [{"name": "node-data", "values": nodes}, {"name": "link-data", "values": links}],
        "scales": [
            {"name": "colour", "type": "ordinal", "domain": {"data": "node-data", "field": "country"},
             "range": {"scheme": "tableau20"}},
            {"name": "size", "type": "sqrt", "domain": {"data": "node-data", "field": "num_events"},
             "range": [80, 900]},
            {"name": "weight", "type": "linear", "domain": {"data": "link-data", "field": "num_events"},
             "range": [1, 8]},
        ],
        "marks": [
            {"name": "nodes", "type": "symbol", "zindex": 1, "from": {"data": "node-data"},
             "encode": {"enter": {
                 "fill": {"scale": "colour", "field": "country"}, "stroke": {"value": "white"},
                 "size": {"scale": "size", "field": "num_events"},
                 "xfocus": {"signal": "cx"}, "yfocus": {"signal": "cy"},
                 "tooltip": {"signal": "datum.name + ' (' + datum.country + '): ' + datum.num_events + ' events'"}}},
             "transform": [{"type": "force", "iterations": 300, "static": True, "signal": "force",
                            "forces": [{"force": "center", "x": {"signal": "cx"}, "y": {"signal": "cy"}},
                                       {"force": "collide", "radius": 18},
                                       {"force": "nbody", "strength": -50},
                                       {"force": "link", "links": "link-data", "distance": 60},
                                       # pull separate groups of actors back into the frame
                                       {"force": "x", "x": "xfocus", "strength": 0.06},
                                       {"force": "y", "y": "yfocus", "strength": 0.09}]}]},
            {"type": "path", "from": {"data": "link-data"}, "interactive": False,
             "encode": {"update": {"stroke": {"value": "#9aa"}, "strokeOpacity": {"value": 0.7},
                                   "strokeWidth": {"scale": "weight", "field": "num_events"}}},
             "transform": [{"type": "linkpath", "require": {"signal": "force"}, "shape": "line",
                            "sourceX": "datum.source.x", "sourceY": "datum.source.y",
                            "targetX": "datum.target.x", "targetY": "datum.target.y"}]},
            {"type": "text", "from": {"data": "nodes"}, "zindex": 2, "interactive": False,
             "encode": {"update": {"x": {"field": "x"}, "y": {"field": "y"}, "dy": {"value": -12},
                                   "text": {"field": "datum.name"}, "align": {"value": "center"},
                                   "fontSize": {"value": 10}, "fill": {"value": "#333"}}}},
        ],
    }


def charts(data: dict[str, list[dict]]) -> tuple[dict[str, dict], dict[str, str]]:
    """(chart id -> spec, chart id -> note shown instead) from the report queries' rows."""
    specs: dict[str, dict] = {}
    notes: dict[str, str] = {}
    rows, bucket, hidden = timeline_rows(data["event_days"])
    window = timeline_window(data["event_days"])
    undated = sum(r["num_events"] for r in data["event_days"] if r["day"] is None)
    if rows:
        specs["timeline"] = timeline_spec(rows, bucket)
        left_out = [f"{undated} events without a date (neither their own nor their article's)"] if undated else []
        if hidden > undated:
            left_out.append(f"{hidden - undated} events dated outside {window[0]} to {window[1]}, where most events "
                            "fall (query them in SQL)")
        if left_out:
            notes["timeline"] = "Not shown: " + "; ".join(left_out) + "."
    else:
        notes["timeline"] = f"No event has a date yet ({undated} undated events): nothing to plot over time."
    if data["top_actors"]:
        specs["actors"] = bar_spec(actor_rows(data["top_actors"]), "actor", "num_events", "actor", "events")
    else:
        notes["actors"] = "No event has a resolved actor."
    if data["top_dyads"]:
        specs["dyads"] = dyad_spec(dyad_rows(data["top_dyads"]))
    else:
        notes["dyads"] = "No event has both an actor and a recipient resolved."
    if data["network"]:
        specs["network"] = network_spec(data["network"])
    else:
        notes["network"] = "No pair of distinct actors: nothing to draw."
    if data["countries"]:
        specs["countries"] = bar_spec(country_rows(data["countries"]), "country", "num_events", "country (ISO3)",
                                      "events", colour="quad")
    else:
        notes["countries"] = "No event actor has a country."
    if data["sources"]:
        specs["sources"] = bar_spec(data["sources"], "source", "num_articles", "source", "articles (originals)")
    else:
        notes["sources"] = "No articles."
    return specs, notes


def _cell(value) -> str:
    if value is None:
        return '<span class="null">–</span>'
    return escape(str(value))


def html_table(rows: list[dict], columns: list[str] | None = None, limit: int | None = None) -> str:
    if not rows:
        return '<p class="note">No rows.</p>'
    columns = columns or list(rows[0])
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(r[c])}</td>" for c in columns) + "</tr>" for r in rows[:limit])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _actor(name, country) -> str:
    if name is None:
        return '<span class="null">–</span>'
    return escape(name) + (f' <span class="muted">{escape(country)}</span>' if country else "")


def events_table(events: list[dict], quotes_per_event: dict[str, int]) -> str:
    """One row per listed event, each linking to its quotes below."""
    if not events:
        return '<p class="note">No events.</p>'
    rows = []
    for e in events:
        n = quotes_per_event.get(e["event_id"], 0)
        rows.append(
            f'<tr id="event-{escape(e["event_id"])}"><td>{_cell(e["event_date"])}</td>'
            f'<td><span class="quad q{e["quad_class"]}">{escape(quad_name(e["quad_class"]))}</span></td>'
            f'<td><code>{escape(e["cameo_code"])}</code> {escape(e["cameo_name"])}'
            f'{" <em>(" + escape(e["status"]) + ")</em>" if e["status"] != "asserted" else ""}</td>'
            f'<td>{_actor(e["actor1_name"], e["actor1_country"])}</td>'
            f'<td>{_actor(e["actor2_name"], e["actor2_country"])}</td>'
            f'<td class="num">{e["num_articles"]}</td><td class="num">{e["num_sources"]}</td>'
            f'<td><a class="quotes-link" href="#quotes-{escape(e["event_id"])}">{n} quote{"s" if n != 1 else ""}</a></td></tr>'
        )
    head = "".join(f"<th>{h}</th>" for h in ("date", "quad class", "CAMEO", "actor", "recipient", "articles",
                                              "sources", "quotes"))
    return f'<table class="events"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _highlight(quote: str, trigger: str) -> str:
    at = quote.find(trigger) if trigger else -1
    if at < 0:
        return escape(quote)
    return escape(quote[:at]) + "<mark>" + escape(trigger) + "</mark>" + escape(quote[at + len(trigger):])


def quotes_section(events: list[dict], quotes: list[dict]) -> str:
    """Per listed event, every sentence reporting it, with its article and a link back."""
    by_event: dict[str, list[dict]] = {}
    for q in quotes:
        by_event.setdefault(q["event_id"], []).append(q)
    parts = []
    for e in events:
        items = []
        for q in by_event.get(e["event_id"], []):
            title = escape(q["title"] or q["doc_id"])
            article = f'<a href="{escape(q["url"])}">{title}</a>' if q["url"] else title
            items.append(f'<li><blockquote>{_highlight(q["quote"].strip(), q["trigger"])}</blockquote>'
                         f'<div class="muted">{article} · {escape(q["source"])} · {_cell(q["published_date"])}'
                         f'{" · " + escape(q["status"]) if q["status"] != "asserted" else ""}</div></li>')
        who = f'{escape(e["actor1_name"] or "–")} → {escape(e["actor2_name"] or "–")}'
        parts.append(f'<section class="quotes" id="quotes-{escape(e["event_id"])}"><h3>{escape(e["cameo_name"])}: '
                     f'{who} <a class="back" href="#event-{escape(e["event_id"])}">↑ event</a></h3>'
                     f'<ul>{"".join(items)}</ul></section>')
    return "".join(parts)


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#1f2d3d;color:#fff;padding:16px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#cfd8e3}nav{padding:8px 28px;background:#e9eef3;position:sticky;top:0;z-index:5}
nav a{margin-right:14px;color:#1f4e79;text-decoration:none}main{padding:8px 28px 40px;max-width:1100px}
h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px;scroll-margin-top:48px}
section.quotes,tr{scroll-margin-top:48px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:8px 0;background:#fff}th,td{border:1px solid #e3e3e3;padding:4px 8px;
text-align:left;vertical-align:top}th{background:#f1f4f7}td.num{text-align:right}.muted{color:#777;font-size:12px}
.null{color:#bbb}.note{color:#8a6d3b;background:#fcf8e3;padding:6px 10px;border-radius:4px}
.chart{background:#fff;padding:8px;border:1px solid #e3e3e3;display:inline-block}
.quad{padding:1px 6px;border-radius:8px;color:#fff;font-size:12px;white-space:nowrap}
.q1{background:#74c476}.q2{background:#238b45}.q3{background:#fb6a4a}.q4{background:#a50f15}
blockquote{margin:0;padding:4px 10px;border-left:3px solid #9ab;background:#fff}mark{background:#ffe58a}
section.quotes ul{list-style:none;padding-left:0}section.quotes li{margin-bottom:8px}
section.quotes:target{background:#fffbe6}tr:target{background:#fffbe6}a.back{font-size:12px;font-weight:normal}
#report-errors{color:#a94442;background:#f2dede;padding:8px}table.events td:first-child{white-space:nowrap}
"""

# Renders every chart, then marks the page: data-charts-rendered counts the charts drawn, and any
# error (a failed chart, a script error) is written into #report-errors, so a headless browser or
# a person sees at once whether the page is whole.
BOOT_JS = """
(function () {
  var specs = JSON.parse(document.getElementById('report-specs').textContent);
  var body = document.body, done = 0, ids = Object.keys(specs);
  function fail(message) {
    var box = document.getElementById('report-errors');
    box.hidden = false;
    box.appendChild(document.createTextNode(message + '\\n'));
    body.setAttribute('data-report-errors', String(Number(body.getAttribute('data-report-errors') || 0) + 1));
  }
  window.addEventListener('error', function (e) { fail('script error: ' + e.message); });
  Promise.all(ids.map(function (id) {
    return vegaEmbed('#chart-' + id, specs[id], {actions: false, renderer: 'svg'})
      .then(function () { done += 1; })
      .catch(function (err) { fail('chart ' + id + ': ' + err); });
  })).then(function () {
    body.setAttribute('data-charts-rendered', String(done));
    body.setAttribute('data-charts-expected', String(ids.length));
  });
})();
"""

SECTIONS = [("summary", "Run summary"), ("timeline", "Events over time"), ("actors", "Top actors"),
            ("dyads", "Top actor pairs"), ("network", "Actor network"), ("countries", "Events by country"),
            ("sources", "Top sources"), ("stories", "Top stories"), ("events", "Events and their quotes")]

CHART_TEXT = {
    "timeline": "Events per {bucket}, stacked by quad class. The date is the event's own date, else the "
                "publication date of its first report.",
    "actors": "Actors taking part in the most events (as actor or recipient).",
    "dyads": "Who acts on whom: the ordered pairs with the most events, split into cooperation and conflict.",
    "network": "The 40 most active pairs of actors; node size and link width grow with events. Hover for counts.",
    "countries": "Events whose actor or recipient belongs to a country, by quad class (IGO: international "
                 "organisations).",
    "sources": "Publishers with the most original (non-duplicate) articles.",
}


def report_html(data: dict[str, list[dict]], warehouse: str, generated_at: str, vega_js: str) -> str:
    """The whole report page. `data` holds each report query's rows (None for a skipped query)."""
    specs, notes = charts(data)
    bucket = timeline_rows(data["event_days"])[1]
    counts = {r["table_name"]: r["num_rows"] for r in data["tables"]}

    def chart_block(chart_id: str) -> str:
        text = CHART_TEXT[chart_id].format(bucket=bucket)
        parts = [f'<p>{escape(text)}</p>']
        if chart_id in notes:
            parts.append(f'<p class="note">{escape(notes[chart_id])}</p>')
        if chart_id in specs:
            parts.append(f'<div class="chart" id="chart-{chart_id}"></div>')
        return "".join(parts)

    summary = (
        f"<p>{counts.get('articles', 0)} articles from {counts.get('sources', 0)} sources; "
        f"{counts.get('events', 0)} events from {counts.get('event_mentions', 0)} reports; "
        f"{counts.get('entities', 0)} entities in {counts.get('mentions', 0)} mentions; "
        f"{counts.get('rejects', 0)} rejected inputs.</p>"
        "<h3>Tables</h3>" + html_table(data["tables"])
        + "<h3>Runs (latest first)</h3>" + html_table(data["runs"], ["run_id", "started_at", "ended_at", "status", "inputs"])
        + "<h3>Rejects by stage</h3>" + html_table(data["rejects"])
    )
    if data.get("stories") is None:
        stories = ('<p class="note">This warehouse has no stories yet (no <code>articles.story_id</code> column); '
                   "a pipeline that groups articles into stories fills this section.</p>")
    else:
        stories = ("<p>Stories (articles grouped as one story) with the most articles.</p>"
                   + html_table(data["stories"], ["title", "num_articles", "num_sources", "num_events", "first_day",
                                                  "story_id"]))
    quotes_per_event: dict[str, int] = {}
    for q in data["quotes"]:
        quotes_per_event[q["event_id"]] = quotes_per_event.get(q["event_id"], 0) + 1
    listed = len(data["events"])
    events = (f"<p>The {listed} most reported events (of {counts.get('events', 0)}); each links to the sentences "
              "that report it.</p>" + events_table(data["events"], quotes_per_event)
              + "<h3>Quotes</h3>" + quotes_section(data["events"], data["quotes"]))
    sources = chart_block("sources") + html_table(data["sources"])
    body = {"summary": summary, "timeline": chart_block("timeline"), "actors": chart_block("actors"),
            "dyads": chart_block("dyads"), "network": chart_block("network"),
            "countries": chart_block("countries"), "sources": sources, "stories": stories, "events": events}
    nav = "".join(f'<a href="#{sid}">{escape(title)}</a>' for sid, title in SECTIONS)
    sections = "".join(f'<h2 id="{sid}">{escape(title)}</h2>{body[sid]}' for sid, title in SECTIONS)
    safe_js = vega_js.replace("</script", "<\\/script")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>dateline report: {escape(warehouse)}</title><style>{CSS}</style>"
        f"<script>{safe_js}</script></head><body>"
        f"<header><h1>dateline report</h1><p>{escape(warehouse)} · generated {escape(generated_at)} UTC</p></header>"
        f"<nav>{nav}</nav><main><pre id=\"report-errors\" hidden></pre>{sections}</main>"
        f"<script type=\"application/json\" id=\"report-specs\">{script_json(specs)}</script>"
        f"<script>{BOOT_JS}</script></body></html>\n"
    )
