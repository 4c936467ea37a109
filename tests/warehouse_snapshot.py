"""Compare warehouses: every table's rows, with run ids blanked (two runs never share one)."""

from __future__ import annotations

from pathlib import Path

import duckdb

# Tables whose rows must match between a clean run and any other way of getting there.
COMPARED_TABLES = ("sources", "articles", "entities", "mentions", "events", "event_mentions", "rejects")


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every compared table's rows, sorted, with run_id replaced by a placeholder."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out = {}
        for table in COMPARED_TABLES:
            columns = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                [table]).fetchall()]
            select = ", ".join("'<run>' as run_id" if c == "run_id" else c for c in columns)
            out[table] = con.execute(f"select {select} from {table} order by all").fetchall()
        return out
    finally:
        con.close()


def differences(expected: dict, actual: dict) -> dict[str, tuple[int, int, int]]:
    """Per table with any difference: (rows expected, rows found, rows in one but not the other)."""
    diff = {}
    for table in COMPARED_TABLES:
        a, b = expected.get(table, []), actual.get(table, [])
        if a != b:
            sa, sb = set(map(repr, a)), set(map(repr, b))
            diff[table] = (len(a), len(b), len(sa ^ sb))
    return diff


def published_counts(data_dir: Path) -> dict[str, int]:
    """Rows of each published table, read back with a plain DuckDB glob."""
    out = {}
    for table in COMPARED_TABLES:
        glob = str(data_dir / table / "**" / "*.parquet")
        out[table] = duckdb.sql(f"select count(*) from read_parquet('{glob}', hive_partitioning = true)"
                                ).fetchall()[0][0]
    return out


def table_counts(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in COMPARED_TABLES}
    finally:
        con.close()


def _reports(warehouse: Path) -> dict[str, tuple]:
    """event_mention_id -> (event_id, article_id, trigger_start_char, published_at)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "select m.event_mention_id, m.event_id, m.article_id, m.trigger_start_char, a.published_at "
            "from event_mentions m left join articles a using (article_id)").fetchall()
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        redirects = dict(con.execute("select redirect_id, event_id from event_id_redirects").fetchall()) \
            if "event_id_redirects" in tables else {}
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}, redirects


def _events(reports: dict[str, tuple]) -> dict[str, frozenset]:
    members: dict[str, set] = {}
    for mention_id, (event_id, *_rest) in reports.items():
        members.setdefault(event_id, set()).add(mention_id)
    return {e: frozenset(m) for e, m in members.items()}


def event_id_differences(full: Path, incremental: Path, first_batch: Path) -> dict[str, list]:
    """Events whose id differs between a full rebuild (`full`) and the incremental warehouse that
    loaded `first_batch` first, by cause:

    - `regrouped_reports`: the two warehouses group the reports differently (a bug: extract
      groups from scratch, so both must hold the same groups);
    - `earlier_report_arrived_later`: the report a full rebuild names the event after was not in
      the first batch, which already held (later-published) reports of the event: a back-fill;
      the incremental id is kept by design;
    - `dated_report_joined_undated`: likewise, where the first batch held only undated reports of
      the event (undated reports sort last);
    - `first_batch_event_regrouped`: the naming report was in the first batch, in an event whose
      other first-batch reports are now grouped differently (clustering changed with new data);
    - `unexplained`: any other difference (a bug);
    - `unresolved`: differing events whose full-rebuild id does not resolve to the incremental
      event through `event_id_redirects` (a bug: both ids must resolve).
    Each entry is (full-rebuild id, incremental id).
    """
    from transforms.stable_ids import event_id_for, report_key

    full_reports, _ = _reports(full)
    inc_reports, redirects = _reports(incremental)
    first_reports, _ = _reports(first_batch)
    full_events, inc_events = _events(full_reports), _events(inc_reports)
    inc_by_members = {m: e for e, m in inc_events.items()}
    first_events = _events(first_reports)
    out: dict[str, list] = {k: [] for k in ("regrouped_reports", "earlier_report_arrived_later",
                                            "dated_report_joined_undated",
                                            "first_batch_event_regrouped", "unexplained", "unresolved")}
    for full_id, members in sorted(full_events.items()):
        inc_id = inc_by_members.get(members)
        if inc_id is None:
            out["regrouped_reports"].append((full_id, None))
            continue
        if inc_id == full_id:
            continue
        pair = (full_id, inc_id)
        if redirects.get(full_id) != inc_id:
            out["unresolved"].append(pair)
        namer = next((m for m in members if event_id_for(report_key(full_reports[m][1], full_reports[m][2])) == full_id),
                     None)
        if namer is not None and namer not in first_reports and members & first_reports.keys():
            undated_before = all(full_reports[m][3] is None for m in members & first_reports.keys())
            out["dated_report_joined_undated" if undated_before else "earlier_report_arrived_later"].append(pair)
        elif namer in first_reports and (first_events[first_reports[namer][0]] - members
                                         or len({first_reports[m][0] for m in members & first_reports.keys()}) > 1):
            out["first_batch_event_regrouped"].append(pair)
        else:
            out["unexplained"].append(pair)
    return out


def without_event_ids(snap: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """`snap` with the events' and event_mentions' event_id columns blanked, re-sorted."""
    out = dict(snap)
    for table, position in (("events", 0), ("event_mentions", 1)):
        out[table] = sorted((row[:position] + ("<event>",) + row[position + 1:] for row in snap.get(table, [])),
                            key=repr)
    return out
