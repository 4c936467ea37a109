"""`dateline report`: the data, the page, and the page rendered in a real headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import pytest

from flows.report import report_data, vega_javascript, write_report
from transforms import report

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHARTS = {"timeline", "actors", "dyads", "network", "countries", "sources"}


def data_of(warehouse: Path) -> dict:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return report_data(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def dated_warehouse(sample_warehouse, tmp_path_factory) -> Path:
    """The sample warehouse with every event dated across two months and a story id per article:
    the sample's own events carry no date, and stories come from another stage."""
    warehouse, _ = sample_warehouse
    copy = tmp_path_factory.mktemp("dated") / "dated.duckdb"
    shutil.copy(warehouse, copy)
    con = duckdb.connect(str(copy))
    con.execute("update events set event_date = date '2024-03-01' + cast(hash(event_id) % 60 as integer)")
    con.execute("update articles set story_id = 'story-' || substr(article_id, 1, 1)")
    con.execute("update articles set title = title || ' <script>alert(1)</script>'")
    con.close()
    return copy


def test_sample_report_has_every_section_and_no_timeline_without_dates(sample_warehouse, tmp_path):
    warehouse, _ = sample_warehouse
    summary = write_report(warehouse, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text()
    for section_id, _ in report.SECTIONS:
        assert f'id="{section_id}"' in page
    assert set(summary["charts"]) == CHARTS - {"timeline"}  # the sample's events have no date
    assert "No event has a date yet" in page
    assert summary["has_stories"] is True  # both sample articles report one phone call: one story


def test_report_says_so_when_a_warehouse_has_no_stories(sample_warehouse, tmp_path):
    warehouse, _ = sample_warehouse
    copy = tmp_path / "old.duckdb"
    shutil.copy(warehouse, copy)
    con = duckdb.connect(str(copy))
    con.execute("alter table articles drop column story_id")
    con.close()
    summary = write_report(copy, tmp_path / "r.html")
    assert summary["has_stories"] is False
    assert "no <code>articles.story_id</code> column" in (tmp_path / "r.html").read_text()


def test_report_is_self_contained(sample_warehouse, tmp_path):
    warehouse, _ = sample_warehouse
    write_report(warehouse, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text()
    markup = re.sub(r"<script[^>]*>.*?</script>", "<script></script>", page, flags=re.S)
    assert markup.count("<script></script>") == 3  # vega bundle, chart specs, boot code: all inline
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", markup)  # nothing loaded from elsewhere
    assert vega_javascript()[:2000] in page
    assert 'version="5.33.0"' in vega_javascript() or "5.33.0" in vega_javascript()


def test_every_event_links_to_its_quotes_and_back(sample_warehouse, tmp_path):
    warehouse, _ = sample_warehouse
    data = data_of(warehouse)
    write_report(warehouse, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text()
    assert data["events"]
    for event in data["events"]:
        event_id = event["event_id"]
        assert f'href="#quotes-{event_id}"' in page and f'id="quotes-{event_id}"' in page
        assert f'href="#event-{event_id}"' in page and f'id="event-{event_id}"' in page
    con = duckdb.connect(str(warehouse), read_only=True)
    quotes = con.execute("select quote, trigger from event_mentions").fetchall()
    con.close()
    for quote, trigger in quotes:
        assert f"<mark>{trigger}</mark>" in page or trigger not in quote


def test_counts_in_the_charts_match_the_warehouse(sample_warehouse):
    warehouse, _ = sample_warehouse
    data = data_of(warehouse)
    specs, _ = report.charts(data)
    con = duckdb.connect(str(warehouse), read_only=True)
    dyads = con.execute("select count(*) from events where actor1_entity_id is not null "
                        "and actor2_entity_id is not null").fetchall()[0][0]
    con.close()
    assert sum(r["num_events"] for r in specs["dyads"]["data"]["values"]) == dyads > 0
    network = specs["network"]["data"]
    assert len(network[1]["values"]) == len(data["network"]) > 0
    assert {n["name"] for n in network[0]["values"]} == {r["actor_a"] for r in data["network"]} | {
        r["actor_b"] for r in data["network"]}


def test_dated_events_get_a_weekly_timeline_and_stories_a_table(dated_warehouse, tmp_path):
    summary = write_report(dated_warehouse, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text()
    assert set(summary["charts"]) == CHARTS and summary["has_stories"]
    data = data_of(dated_warehouse)
    rows, bucket, undated = report.timeline_rows(data["event_days"])
    assert bucket == "day" and undated == 0  # 60 days: daily bars
    assert sum(r["num_events"] for r in rows) == len(data["events"])
    assert "story-" in page and "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_timeline_buckets_by_week_past_ninety_days():
    given = [{"day": date(2024, 1, 1), "quad_class": 1, "num_events": 2},
             {"day": date(2024, 1, 3), "quad_class": 1, "num_events": 1},
             {"day": date(2024, 6, 5), "quad_class": 4, "num_events": 5},
             {"day": None, "quad_class": 3, "num_events": 7}]
    rows, bucket, not_shown = report.timeline_rows(given)
    assert bucket == "week" and not_shown == 7
    # weeks start on Sunday, as Vega-Lite's yearweek buckets do
    assert rows == [{"period": "2023-12-31", "quad_class": 1, "quad": "verbal cooperation", "num_events": 3},
                    {"period": "2024-06-02", "quad_class": 4, "quad": "material conflict", "num_events": 5}]


def test_timeline_leaves_out_stray_dates_that_would_flatten_it():
    given = [{"day": date(1987, 3, d), "quad_class": 1, "num_events": 19} for d in range(1, 6)]
    given += [{"day": date(y, 1, 1), "quad_class": 3, "num_events": 1} for y in (1972, 1980, 1995)]
    assert report.timeline_window(given) == (date(1987, 3, 1), date(1987, 3, 5))
    rows, bucket, not_shown = report.timeline_rows(given)
    assert bucket == "day" and not_shown == 3 and sum(r["num_events"] for r in rows) == 95
    _, notes = report.charts({**{k: [] for k in ("top_actors", "top_dyads", "network", "countries", "sources")},
                              "event_days": given})
    assert notes["timeline"] == ("Not shown: 3 events dated outside 1987-03-01 to 1987-03-05, where most events "
                                 "fall (query them in SQL).")


def test_timeline_keeps_every_date_when_they_are_spread_evenly():
    given = [{"day": date(2024, 1, 1 + 3 * i), "quad_class": 2, "num_events": 1} for i in range(10)]
    assert report.timeline_window(given) == (date(2024, 1, 1), date(2024, 1, 28))


def test_script_json_cannot_close_the_script_element():
    assert "</script" not in report.script_json({"title": "</script><script>alert(1)</script>"})


def _render(page: Path, tmp_path: Path) -> tuple[str, str]:
    """(DOM after scripts ran, browser log) from headless Chromium, fully offline."""
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'chromium-profile'}", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=15000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, result.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("which", ["sample", "dated"])
def test_report_renders_every_chart_in_headless_chromium(which, sample_warehouse, dated_warehouse, tmp_path):
    warehouse = sample_warehouse[0] if which == "sample" else dated_warehouse
    summary = write_report(warehouse, tmp_path / "report.html")
    dom, log = _render(tmp_path / "report.html", tmp_path)
    console = [line for line in log.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not [line for line in console if re.search(r"error|uncaught", line, re.I)], console
    markup = re.sub(r"<script[^>]*>.*?</script>", "", dom, flags=re.S)  # the Vega bundle holds "<body>" too
    body_tag = re.search(r"<body[^>]*>", markup)[0]
    assert "data-charts-rendered" in body_tag
    assert "data-report-errors" not in body_tag
    assert re.search(r'<pre id="report-errors" hidden(="")?></pre>', dom)
    expected = len(summary["charts"])
    assert f'data-charts-rendered="{expected}"' in dom and f'data-charts-expected="{expected}"' in dom
    for chart in summary["charts"]:
        block = re.search(rf'<div class="chart[^"]*" id="chart-{chart}"[^>]*>(.*?)</svg>', dom, re.S)
        assert block and "<svg" in block[1], f"chart {chart} has no SVG"
        marks = re.findall(r'<path[^>]+d="M', block[1]) + re.findall(r"<text", block[1])
        assert len(marks) > 3, f"chart {chart} drew nothing"
