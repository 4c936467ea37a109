"""Stable event ids: an event keeps its id when new reports of it arrive in a later run.

The extract stage clusters every report it has, from scratch, on every run, and names each
cluster after one of its reports (`transforms.events`). Left alone, an event's id would change
whenever a newly loaded report became the naming one. The load stage therefore maps each new
cluster onto the committed warehouse:

1. A cluster that contains reports already in the warehouse takes the event id its
   earliest-published such report had. When two clusters claim one old id (an old event
   split), the cluster with the earlier report keeps it; the other gets a fresh name. Taking
   the earliest report's old id (rather than, say, the most common one) means two old events
   bridged by a new report keep the id a full rebuild would give the merged event.
2. Any other cluster is named after its earliest-published report (publication time, then
   article id, then trigger offset): `sha256("event:" + article_id + ":" + offset)[:16]`, the
   same key format `transforms.events` uses. In a folder that grows with newer articles, the
   earliest report of an event is usually already in the first batch, so a full rebuild from
   the same inputs names the event as the incremental runs did.

Pure: the caller reads the committed event_mentions and hands them in.
"""

from __future__ import annotations

import hashlib

import polars as pl

# One row per extracted event id: the id the event gets in the warehouse.
EVENT_ID_MAP_SCHEMA = {"event_id": pl.String, "stable_event_id": pl.String}


def report_key(article_id: str, trigger_start_char: int) -> str:
    """The report key `transforms.events` names events by."""
    return f"{article_id}:{trigger_start_char:08d}"


def event_id_for(key: str) -> str:
    return hashlib.sha256(f"event:{key}".encode()).hexdigest()[:16]


def stable_event_ids(
    event_mentions: pl.DataFrame, articles: pl.DataFrame, committed_event_mentions: pl.DataFrame
) -> pl.DataFrame:
    """One row per event in `event_mentions`: its extracted `event_id` and the `stable_event_id`
    to store.

    `event_mentions`: event_id, event_mention_id, article_id, trigger_start_char (this run's
    extract output). `articles`: article_id, published_at. `committed_event_mentions`:
    event_mention_id, event_id as the warehouse holds them (empty on a first run).
    """
    if event_mentions.is_empty():
        return pl.DataFrame(schema=EVENT_ID_MAP_SCHEMA)
    reports = (
        event_mentions.select("event_id", "event_mention_id", "article_id", "trigger_start_char")
        .join(articles.select("article_id", "published_at"), on="article_id", how="left")
        .join(
            committed_event_mentions.select("event_mention_id", previous_event_id="event_id"),
            on="event_mention_id",
            how="left",
        )
    )
    # Clusters in the order of their earliest report; each takes the old id of its earliest
    # report that had one, unless an earlier cluster already took it (an old event split).
    ordered = reports.sort(["published_at", "article_id", "trigger_start_char"], nulls_last=True)
    clusters: dict[str, list[tuple]] = {}
    for event_id, article_id, offset, previous_id in ordered.select(
            "event_id", "article_id", "trigger_start_char", "previous_event_id").iter_rows():
        clusters.setdefault(event_id, []).append((article_id, offset, previous_id))
    taken = set(committed_event_mentions["event_id"].to_list())  # old ids never name a new event
    claimed: set[str] = set()
    rows = []
    for event_id, members in clusters.items():
        stable = next((p for _, _, p in members if p is not None and p not in claimed), None)
        if stable is not None:
            claimed.add(stable)
        else:
            names = (event_id_for(report_key(a, o)) for a, o, _ in members)
            # Every report's name held by another event: fall back to the extracted id.
            stable = next((n for n in names if n not in taken), event_id)
            taken.add(stable)
        rows.append((event_id, stable))
    return pl.DataFrame(rows, schema=EVENT_ID_MAP_SCHEMA, orient="row").sort("event_id")
