"""Stable event ids: an event keeps its id when new reports of it arrive in a later run.

The extract stage clusters every report it has, from scratch, on every run, and names each
cluster after one of its reports (`transforms.events`). Left alone, an event's id would change
whenever a newly loaded report became the naming one. The load stage therefore maps each new
cluster onto the committed warehouse:

1. A cluster that contains reports already in the warehouse takes the event id those reports
   had (the id shared by most of them; ties go to the smaller id). When two clusters claim one
   old id (an old event split), the cluster holding more of its old reports keeps it.
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
    # Claims: (new cluster, old id, reports they share), strongest first.
    claims = (
        reports.filter(pl.col("previous_event_id").is_not_null())
        .group_by("event_id", "previous_event_id")
        .agg(shared=pl.len())
        .sort(["shared", "previous_event_id", "event_id"], descending=[True, False, False])
    )
    assigned: dict[str, str] = {}
    taken: set[str] = set()
    for event_id, previous_id, _ in claims.iter_rows():
        if event_id in assigned or previous_id in taken:
            continue
        assigned[event_id] = previous_id
        taken.add(previous_id)
    # Every old id stays reserved, so a fresh name can never reuse one that moved elsewhere.
    taken.update(committed_event_mentions["event_id"].to_list())

    ordered = reports.sort(["event_id", "published_at", "article_id", "trigger_start_char"], nulls_last=True)
    rows = []
    for (event_id,), members in ordered.group_by("event_id", maintain_order=True):
        stable = assigned.get(event_id)
        if stable is None:
            for article_id, offset in members.select("article_id", "trigger_start_char").iter_rows():
                candidate = event_id_for(report_key(article_id, offset))
                if candidate not in taken:
                    stable = candidate
                    break
            else:  # every report's name is held by another event: fall back to the extracted id
                stable = event_id
            taken.add(stable)
        rows.append((event_id, stable))
    return pl.DataFrame(rows, schema=EVENT_ID_MAP_SCHEMA, orient="row").sort("event_id")
