"""Entities: mentions resolved to one canonical entity per real-world referent, across articles.

Resolution is by key, never by string similarity alone:
- gazetteer matches resolve to their canonical id: a country (also when named by a demonym or,
  as an actor, by its capital), a city used as a place, an organisation;
- persons resolve by a normalised name key: accents, case, hyphens, spacing and titles folded,
  and East Asian given names joined ("Kim Myung-soo", "Kim Myung Soo" -> `kim|myungsoo`);
  a bare surname resolves within its article to the full name it abbreviates, and a bare
  surname that matches nothing stays local to its article (two "Kim"s are not one person);
- other names resolve by their folded text.

Actor coding: a person's country and sector come from the titles, ranks and organisations
attached to their mentions (majority vote), else from the office-holder table for the article's
date; organisations and countries take theirs from the gazetteer.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter

import polars as pl

from transforms import seeds

MENTION_SCHEMA = {
    "mention_id": pl.String,  # sha256(article_id, start_char, end_char)[:16]
    "article_id": pl.String,
    "entity_id": pl.String,
    "label": pl.String,  # PERSON, ORG, GPE, LOC, NORP, FAC
    "text": pl.String,  # surface form, body[start_char:end_char]
    "start_char": pl.Int64,
    "end_char": pl.Int64,
    "sentence_index": pl.Int64,
    "title": pl.String,  # office title attached to a person here ("JCS Chairman")
    "rank": pl.String,  # rank or honorific attached to a person here ("Adm.")
    "role": pl.String,  # for places: actor | place | modifier
}

ENTITY_SCHEMA = {
    "entity_id": pl.String,  # sha256(key)[:16]
    "name": pl.String,  # canonical display name
    "label": pl.String,
    "kind": pl.String,  # person | organisation | country | place | group
    "country": pl.String,  # ISO3, or IGO for international organisations
    "sector": pl.String,  # GOV, MIL, ... (CAMEO/PLOVER sector codes)
    "aliases": pl.List(pl.String),  # every surface form seen, sorted
    "num_mentions": pl.Int64,
    "num_articles": pl.Int64,
    "entity_key": pl.String,  # the resolution key (person:kim|myungsoo, country:KOR, org:NATO, ...)
}

# Family names that start East Asian (Korean, Chinese, Vietnamese) names, romanised.
EAST_ASIAN_SURNAMES = frozenset(
    """kim lee yi rhee park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh seo suh shin
    kwon hwang ahn an song yoo yu ryu hong jeon chun ko koh moon mun yang son bae baek paik heo hur nam noh roh ha
    kwak sung cha joo ju woo min na jin ji eom chae won cheon bang gong hyun ham byun yeom yeo chu do seok seol ma
    gil yeon wi pyo ban wang geum ok yook maeng tak li zhang liu chen zhao huang zhou wu xu sun hu zhu gao lin he
    guo luo liang zheng xie tang feng dong xiao cheng cao yuan deng fu shen zeng peng lu su jiang cai jia ding wei
    xue ye yan pan du dai xia zhong wen xi qin nguyen tran le pham hoang huynh phan vu vo dang bui ngo duong ly""".split()
)
# A romanised given name is one or two syllables: "myung soo", "jinping", "you-sung".
GIVEN_NAME = re.compile(r"^(?:[^aeiouyw]{0,3}[aeiouyw]{1,3}(?:ng|n|m|l|k|r|p|t)?){1,2}$")
HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord lady mr. mrs. ms. dr. prof.".split())


def folded(text: str) -> str:
    """Lower case, accents dropped, apostrophes unified, spaces folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("’", "'").replace("‘", "'").casefold()
    plain = re.sub(r"'s\b", "", plain)
    return " ".join(plain.split())


def is_east_asian_name(name: str) -> bool:
    """True for "Kim Myung-soo", "Xi Jinping", "Yoon Suk Yeol"; False for "Rob Bauer"."""
    tokens = folded(name).split()
    if len(tokens) < 2 or tokens[0] not in EAST_ASIAN_SURNAMES:
        return False
    given = re.sub(r"[-' ]", "", "".join(tokens[1:]))
    return bool(GIVEN_NAME.match(given))


def person_key(name: str) -> str:
    """Resolution key of a person's name: equal for spelling variants of hyphen, space, case,
    accents and leading honorifics; different for different given names (Jong-un, Jong-il)."""
    tokens = folded(name).split()
    while len(tokens) > 1 and (tokens[0] in HONORIFICS or tokens[0].rstrip(".") in HONORIFICS):
        tokens = tokens[1:]
    cleaned = " ".join(tokens)
    if is_east_asian_name(cleaned):
        family, given = tokens[0], re.sub(r"[-' ]", "", "".join(tokens[1:]))
        return f"{family}|{given}"
    return " ".join(cleaned.replace("-", " ").split())


def name_key(text: str) -> str:
    """Resolution key of a non-person name: folded, without a leading article."""
    key = folded(text)
    return re.sub(r"^(?:the|a|an) ", "", key)


def entity_id(key: str) -> str:
    return hashlib.sha256(f"entity:{key}".encode()).hexdigest()[:16]


def mention_id(article_id: str, start_char: int, end_char: int) -> str:
    return hashlib.sha256(f"mention:{article_id}:{start_char}:{end_char}".encode()).hexdigest()[:16]


# CountryInfo was compiled on this date: its open-ended periods are known only up to it.
COUNTRYINFO_DATE = "2012-01-16"


@functools.cache
def _office_holders() -> dict[str, list[tuple[str, str, str | None, str | None]]]:
    """person key -> [(iso3, sector, start_date, end_date)], curated rows first."""
    table: dict[str, list] = {}
    frame = seeds.office_holders().sort("origin", descending=False)  # countryinfo < dateline
    for name, iso3, sector, start, end, origin in frame.select(
        "name", "iso3", "sector", "start_date", "end_date", "origin"
    ).iter_rows():
        if origin == "countryinfo" and not end:
            end = COUNTRYINFO_DATE
        entry = (iso3, sector, start or None, end or None)
        rows = table.setdefault(person_key(name), [])
        if origin == "dateline":
            rows.insert(0, entry)
        else:
            rows.append(entry)
    return table


def office_holder_coding(key: str, on_date: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of the office the person held on `on_date`; with no date, the most
    recent office known."""
    offices = _office_holders().get(key.split(":", 1)[-1], [])
    if on_date is None:
        return (offices[0][0], offices[0][1]) if offices else (None, None)
    for iso3, sector, start, end in offices:
        if (start is None or start <= on_date) and (end is None or on_date <= end):
            return iso3, sector
    return None, None


def mention_key(row: dict) -> tuple[str, str, str]:
    """(entity_key, kind, label) of one raw mention (without alias resolution)."""
    gid = row.get("gazetteer_id") or ""
    label = row["label"]
    if gid.startswith("country:"):
        return gid, "country", "GPE"
    if gid.startswith("city:"):
        iso3, city = gid.split(":", 2)[1:]
        if row.get("role") == "actor":
            return f"country:{iso3}", "country", "GPE"
        return f"place:{iso3}:{folded(city)}", "place", "GPE"
    if gid.startswith("org:"):
        return gid, "organisation", "ORG"
    if gid.startswith("region:"):
        return f"place:{folded(gid[7:])}", "place", "LOC"
    if label == "PERSON":
        key = person_key(row["text"])
        if " " not in key and "|" not in key:
            key = f"{row['article_id']}:{key}"  # a lone unresolved surname stays in its article
        return f"person:{key}", "person", "PERSON"
    if label == "ORG":
        return f"org:{name_key(row['text'])}", "organisation", "ORG"
    if label == "NORP":
        return f"group:{name_key(row['text'])}", "group", "NORP"
    return f"place:{name_key(row['text'])}", "place", label


def _vote(values: list[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _display_name(kind: str, key: str, surface: list[str]) -> str:
    if kind == "country":
        return seeds.country_names().get(key.split(":")[1], key.split(":")[1])
    if kind == "organisation" and key.startswith("org:"):
        names = _org_names()
        if key[4:] in names:
            return names[key[4:]]
    counts = Counter(surface)
    return sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


@functools.cache
def _org_names() -> dict[str, str]:
    frame = seeds.organisations()
    return {o: n for o, n in frame.select("org_id", "name").iter_rows()}


@functools.cache
def _org_coding() -> dict[str, tuple[str | None, str | None]]:
    frame = seeds.organisations().unique("org_id", keep="first", maintain_order=True)
    return {o: (c or None, s or None) for o, c, s in frame.select("org_id", "country", "sector").iter_rows()}


def resolved_mentions(raw_mentions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(mentions, entities) from raw mentions of many articles.

    `raw_mentions`: one row per mention with article_id, mention_index, alias_of,
    sentence_index, start_char, end_char, text, label, gazetteer_id, title, rank, role,
    country_hint, sector_hint, org_hint, published_date (ISO date of the article or null).
    Returns `mentions` (one row per mention, MENTION_SCHEMA) and `entities` (one row per
    canonical entity, ENTITY_SCHEMA).
    """
    rows = raw_mentions.sort("article_id", "mention_index").to_dicts()
    by_position = {(r["article_id"], r["mention_index"]): r for r in rows}
    for row in rows:
        row["entity_key"], row["kind"], row["entity_label"] = mention_key(row)
    for row in rows:
        if row.get("alias_of") is not None:
            target = by_position.get((row["article_id"], row["alias_of"]))
            if target is not None:
                row["entity_key"], row["kind"], row["entity_label"] = (
                    target["entity_key"], target["kind"], target["entity_label"])

    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["entity_key"], []).append(row)

    entity_rows = []
    for key, members in grouped.items():
        kind, label = members[0]["kind"], members[0]["entity_label"]
        surface = [m["text"] for m in members if m.get("alias_of") is None] or [m["text"] for m in members]
        country = sector = None
        if kind == "country":
            country = key.split(":")[1]
        elif kind == "place" and key.count(":") >= 2:
            country = key.split(":")[1]
        elif kind == "organisation" and key[4:] in _org_coding():
            country, sector = _org_coding()[key[4:]]
        else:
            country = _vote([m.get("country_hint") for m in members])
            sector = _vote([m.get("sector_hint") for m in members])
        if kind == "person" and (country is None or sector is None):
            dates = sorted(d for d in (m.get("published_date") for m in members) if d)
            held_country, held_sector = office_holder_coding(key.split(":", 1)[1], dates[-1] if dates else None)
            country, sector = country or held_country, sector or held_sector
        entity_rows.append({
            "entity_id": entity_id(key),
            "name": _display_name(kind, key, surface),
            "label": label,
            "kind": kind,
            "country": country,
            "sector": sector,
            "aliases": sorted(set(m["text"] for m in members)),
            "num_mentions": len(members),
            "num_articles": len({m["article_id"] for m in members}),
            "entity_key": key,
        })
    entities = pl.DataFrame(entity_rows, schema=ENTITY_SCHEMA, orient="row").sort("entity_id")
    mention_rows = [{
        "mention_id": mention_id(r["article_id"], r["start_char"], r["end_char"]),
        "article_id": r["article_id"],
        "entity_id": entity_id(r["entity_key"]),
        "label": r["label"],
        "text": r["text"],
        "start_char": r["start_char"],
        "end_char": r["end_char"],
        "sentence_index": r["sentence_index"],
        "title": r.get("title"),
        "rank": r.get("rank"),
        "role": r.get("role"),
    } for r in rows]
    mentions = pl.DataFrame(mention_rows, schema=MENTION_SCHEMA, orient="row").sort("article_id", "start_char")
    return mentions, entities
