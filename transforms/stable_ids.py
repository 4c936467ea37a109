"""Stable event ids: an event keeps its id when new reports of it arrive in a later run, a full
rebuild from the same inputs gives the same ids wherever the order the reports arrived in
allows it, and every id an event ever had still resolves.

The extract stage groups every report it has, from scratch, on every run, so an incremental
warehouse and a full rebuild hold the same groups of reports. What can differ is only the name.
A full rebuild names each event after its earliest report, in the order (publication time,
undated last; article id; trigger offset): `sha256("event:" + article_id + ":" + offset)[:16]`,
the key format `transforms.events` uses. The load stage maps each group onto the committed
warehouse, in three passes:

1. A group whose rebuild name is the id one of its reports already had keeps it: the old id
   and the rebuild agree (the common case: later reports join an event named after an
   earlier one).
2. A group that holds reports already in the warehouse, but is not named by pass 1, keeps the
   old id of its earliest such report (unless an earlier group took it: an old event split).
   This is the one case where incremental and rebuild ids differ, and it cannot be avoided
   while events keep their ids: the report a rebuild names the event after arrived *after*
   the event was first loaded (a back-filled older article, or a dated article joining an
   event only undated ones reported), or the grouping of already loaded reports changed. The
   rebuild name is recorded as a redirect to the kept id, so both resolve.
3. Any other group is new and takes its rebuild name.

Redirects (`event_id_redirects`): one row per id that no longer names an event but names one
in a rebuild or did in an earlier run. `rebuild_name`: the id a full rebuild from the same
inputs gives the event. `merged`: an id the event's reports had before they were grouped with
another event's (a report bridging two events, or a regrouping); it resolves to the event its
earliest report is in now. Redirects are carried from run to run and re-pointed when their
target is merged in turn, so an id handed out once keeps resolving for as long as its
reports are in the warehouse.

Pure: the caller reads the committed event_mentions and redirects and hands them in.
"""

from __future__ import annotations

import hashlib

import polars as pl

# One row per extracted event id: the id the event gets in the warehouse and the one a full
# rebuild from the same inputs would give it.
EVENT_ID_MAP_SCHEMA = {"event_id": pl.String, "stable_event_id": pl.String, "rebuild_event_id": pl.String}
# One row per id that resolves to an event without being its id (warehouse table event_id_redirects).
REDIRECT_SCHEMA = {"redirect_id": pl.String, "event_id": pl.String, "reason": pl.String, "run_id": pl.String}
REBUILD_NAME, MERGED = "rebuild_name", "merged"


def report_key(article_id: str, trigger_start_char: int) -> str:
    """The report key `transforms.events` names events by."""
    return f"{article_id}:{trigger_start_char:08d}"


def event_id_for(key: str) -> str:
    return hashlib.sha256(f"event:{key}".encode()).hexdigest()[:16]


def _ordered_reports(event_mentions: pl.DataFrame, articles: pl.DataFrame,
                     committed_event_mentions: pl.DataFrame) -> pl.DataFrame:
    """One row per report, in naming order, with the event id it had in the warehouse (or null)."""
    return (
        event_mentions.select("event_id", "event_mention_id", "article_id", "trigger_start_char")
        .join(articles.select("article_id", "published_at"), on="article_id", how="left")
        .join(
            committed_event_mentions.select("event_mention_id", previous_event_id="event_id"),
            on="event_mention_id",
            how="left",
        )
        .sort(["published_at", "article_id", "trigger_start_char"], nulls_last=True)
    )


def stable_event_ids(
    event_mentions: pl.DataFrame, articles: pl.DataFrame, committed_event_mentions: pl.DataFrame
) -> pl.DataFrame:
    """One row per event in `event_mentions`: its extracted `event_id`, the `stable_event_id` to
    store and the `rebuild_event_id` a full rebuild would store.

    `event_mentions`: event_id, event_mention_id, article_id, trigger_start_char (this run's
    extract output). `articles`: article_id, published_at. `committed_event_mentions`:
    event_mention_id, event_id as the warehouse holds them (empty on a first run).
    """
    if event_mentions.is_empty():
        return pl.DataFrame(schema=EVENT_ID_MAP_SCHEMA)
    reports = _ordered_reports(event_mentions, articles, committed_event_mentions)
    # Groups in the order of their earliest report, each with its members in naming order.
    groups: dict[str, list[tuple]] = {}
    for event_id, article_id, offset, previous_id in reports.select(
            "event_id", "article_id", "trigger_start_char", "previous_event_id").iter_rows():
        groups.setdefault(event_id, []).append((event_id_for(report_key(article_id, offset)), previous_id))
    rebuild = {g: members[0][0] for g, members in groups.items()}
    old_ids = {g: list(dict.fromkeys(p for _, p in members if p is not None)) for g, members in groups.items()}
    stable: dict[str, str] = {}
    # 1. The rebuild name is one of the group's old ids: keep it (no conflict: names are per report).
    for g in groups:
        if rebuild[g] in old_ids[g]:
            stable[g] = rebuild[g]
    claimed = set(stable.values())
    # 2. Groups with old reports keep the old id of their earliest such report not yet taken.
    for g in groups:
        if g not in stable:
            kept = next((p for p in old_ids[g] if p not in claimed), None)
            if kept is not None:
                stable[g] = kept
                claimed.add(kept)
    # 3. The rest take their rebuild name; an old id never names another event, so where the
    #    name is one (a changed article) the next report's name, else the extracted id.
    taken = claimed | set(committed_event_mentions["event_id"].to_list())
    for g, members in groups.items():
        if g not in stable:
            stable[g] = next((name for name, _ in members if name not in taken), g)
            taken.add(stable[g])
    rows = [(g, stable[g], rebuild[g]) for g in groups]
    return pl.DataFrame(rows, schema=EVENT_ID_MAP_SCHEMA, orient="row").sort("event_id")


def event_id_redirects(
    id_map: pl.DataFrame,
    event_mentions: pl.DataFrame,
    articles: pl.DataFrame,
    committed_event_mentions: pl.DataFrame,
    committed_redirects: pl.DataFrame,
    run_id: str,
) -> pl.DataFrame:
    """One row per id that resolves to an event without being its id: rebuild names of events
    that kept an older id, ids of committed events that were merged into another, and the
    committed redirects re-pointed to where their target is now. `run_id` marks rows first
    recorded by this run; carried rows keep theirs.

    `id_map`: `stable_event_ids` output. `committed_redirects`: REDIRECT_SCHEMA rows the
    warehouse holds (empty on a first run or before redirects existed).
    """
    stable_of = dict(zip(id_map["event_id"], id_map["stable_event_id"]))
    live = set(id_map["stable_event_id"].to_list())
    found: dict[str, tuple[str, str]] = {}  # redirect_id -> (event_id, reason)
    for rebuild, kept in zip(id_map["rebuild_event_id"], id_map["stable_event_id"]):
        if rebuild != kept and rebuild not in live:
            found[rebuild] = (kept, REBUILD_NAME)
    # A committed id that names no event now resolves to the event its earliest report is in.
    if not event_mentions.is_empty() and not committed_event_mentions.is_empty():
        reports = _ordered_reports(event_mentions, articles, committed_event_mentions)
        for previous_id, event_id in reports.filter(pl.col("previous_event_id").is_not_null()).select(
                "previous_event_id", "event_id").iter_rows():
            if previous_id not in live and previous_id not in found:
                found[previous_id] = (stable_of[event_id], MERGED)
    resolved = {**{i: i for i in live}, **{i: target for i, (target, _) in found.items()}}
    first_run = dict(zip(committed_redirects["redirect_id"], committed_redirects["run_id"]))
    for redirect_id, target, reason in committed_redirects.select("redirect_id", "event_id", "reason").iter_rows():
        # Its target is still an event, or was merged into one; a target whose reports are all
        # gone (their articles removed) takes the redirect with it.
        if redirect_id not in live and redirect_id not in found and target in resolved:
            found[redirect_id] = (resolved[target], reason)
    rows = [(r, target, reason, first_run.get(r, run_id)) for r, (target, reason) in found.items()]
    return pl.DataFrame(rows, schema=REDIRECT_SCHEMA, orient="row").sort("redirect_id")
