"""Entities: mentions resolved to one canonical entity per real-world referent, across articles.

Resolution is by key, never by string similarity alone:
- gazetteer matches resolve to their canonical id: a country (also when named by a demonym or,
  as an actor, by its capital), a city used as a place, an organisation;
- persons resolve by a normalised name key: accents, case, hyphens, spacing and titles folded,
  and East Asian given names joined ("Kim Myung-soo", "Kim Myung Soo" -> `kim|myungsoo`);
  a bare surname resolves within its article to the full name it abbreviates, and a bare
  surname that matches nothing stays local to its article (two "Kim"s are not one person);
- organisations resolve by their folded name without legal-form suffixes ("Apple Inc." =
  "Apple"), acronyms within an article to the name they spell;
- other names resolve by their folded text;
- then keys merge across articles only on evidence (`_merge_keys`): a name outside the
  gazetteer tagged with different kinds takes its majority kind; romanisation variants of an
  East Asian name ("Kim Myung-soo" / "Kim Myeong-su") merge when a syllable fold matches *and*
  country, sector, title or a co-occurring entity agree. Kim Jong-un and Kim Jong-il never do.

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
from transforms.groups import UnionFind

# Keys of gazetteer cities carry their country: place:KOR:seoul.
ISO3_PLACE_KEY = re.compile(r"^place:[A-Z]{3}:")

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
    "in_title": pl.Boolean,  # true: offsets point into the article's title, not its body
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


@functools.lru_cache(maxsize=1 << 16)  # mention texts repeat across a corpus
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


@functools.lru_cache(maxsize=1 << 16)  # mention texts repeat across a corpus
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


# Legal-form words at the end of a company name: "Apple Inc." and "Apple" are one company.
CORPORATE_SUFFIXES = frozenset(
    "inc inc. incorporated corp corp. corporation co co. ltd ltd. limited plc p.l.c. llc l.l.c. n.v. nv s.a. sa "
    "ag gmbh se group holdings company".split()
)


@functools.lru_cache(maxsize=1 << 16)  # mention texts repeat across a corpus
def name_key(text: str) -> str:
    """Resolution key of a non-person name: folded, without a leading article."""
    key = folded(text)
    return re.sub(r"^(?:the|a|an) ", "", key)


@functools.lru_cache(maxsize=1 << 16)  # mention texts repeat across a corpus
def organisation_key(text: str) -> str:
    """Resolution key of an organisation's name: `name_key` without legal-form suffixes
    ("Apple Inc." -> "apple", "Aer Lingus Group PLC" -> "aer lingus")."""
    tokens = name_key(text).replace(",", " ").split()
    while len(tokens) > 1 and tokens[-1] in CORPORATE_SUFFIXES:
        tokens.pop()
    return " ".join(tokens)


# Spellings of one Hangul syllable in the romanisations news outlets use (Revised, McCune-
# Reischauer without breves, and common personal spellings), each mapped to one form. Only
# syllables, never letters: a letter rule that matches Jong-un/Jong-eun also matches
# Myung-soo/Min-seok. A fold match is a merge *proposal*; it needs evidence (see
# `resolved_mentions`).
SYLLABLE_FOLD = {
    **dict.fromkeys(("myung", "myeong", "myong"), "myeong"),
    **dict.fromkeys(("soo", "su"), "su"),
    **dict.fromkeys(("eun", "un"), "eun"),
    **dict.fromkeys(("jung", "jeong", "chung", "chong"), "jeong"),
    **dict.fromkeys(("sung", "seong"), "seong"),
    **dict.fromkeys(("young", "yeong", "yong"), "yeong"),
    **dict.fromkeys(("hee", "hui", "hi"), "hui"),
    **dict.fromkeys(("seok", "suk", "sok"), "seok"),
    **dict.fromkeys(("yeon", "yon"), "yeon"),
    **dict.fromkeys(("joon", "jun", "chun"), "jun"),
    **dict.fromkeys(("hyun", "hyeon", "hyon"), "hyeon"),
    **dict.fromkeys(("kyung", "kyeong", "gyeong", "kyong"), "gyeong"),
    **dict.fromkeys(("geun", "keun", "kun"), "geun"),
    **dict.fromkeys(("cheol", "chul", "chol"), "cheol"),
    **dict.fromkeys(("beom", "bum", "pom"), "beom"),
    **dict.fromkeys(("seon", "sun"), "seon"),
    **dict.fromkeys(("woo", "wu"), "woo"),
    **dict.fromkeys(("jae", "chae"), "jae"),
    **dict.fromkeys(("gyu", "kyu"), "gyu"),
    **dict.fromkeys(("won", "weon"), "won"),
    **dict.fromkeys(("taek", "taik"), "taek"),
    **dict.fromkeys(("deok", "duk", "tok"), "deok"),
    **dict.fromkeys(("ryong", "ryeong", "ryung"), "ryong"),
}
SYLLABLE = re.compile(r"^(?:ch|kk|tt|pp|ss|jj|sh|zh|[bcdfghjklmnprstxz])?[wy]?[aeiou]{1,3}(?:ng|n|m|l|k|r|p|t)?$")


def _syllable_splits(given: str) -> list[tuple[str, ...]]:
    """Ways to read a joined given name as one or two syllables ("myungsoo" -> myung|soo)."""
    splits = [(given,)] if SYLLABLE.match(given) else []
    for cut in range(1, len(given)):
        left, right = given[:cut], given[cut:]
        if SYLLABLE.match(left) and SYLLABLE.match(right):
            splits.append((left, right))
    return splits


def romanisation_folds(name: str) -> frozenset[str]:
    """Syllable-folded forms of an East Asian person's name ("kim|myeong.su"); empty for other
    names. "Kim Myung-soo", "Kim Myeong-su" and "Kim Myungsoo" share one; "Kim Jong-un" and
    "Kim Jong-il" share none."""
    tokens = folded(name).split()
    while len(tokens) > 1 and tokens[0].rstrip(".") in HONORIFICS:
        tokens = tokens[1:]
    if not is_east_asian_name(" ".join(tokens)):
        return frozenset()
    family, given_tokens = tokens[0], re.split(r"[-' ]+", " ".join(tokens[1:]))
    if len(given_tokens) > 1:
        splits = [tuple(given_tokens)]
    else:
        splits = _syllable_splits(given_tokens[0])
    return frozenset(f"{family}|" + ".".join(SYLLABLE_FOLD.get(x, x) for x in split) for split in splits)


def entity_id(key: str) -> str:
    return hashlib.sha256(f"entity:{key}".encode()).hexdigest()[:16]


def mention_id(article_id: str, start_char: int, end_char: int, in_title: bool = False) -> str:
    """Content-derived id; a headline mention's offsets are into the title, so it hashes apart."""
    where = f"{article_id}:title" if in_title else article_id
    return hashlib.sha256(f"mention:{where}:{start_char}:{end_char}".encode()).hexdigest()[:16]


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
        return f"org:{organisation_key(row['text'])}", "organisation", "ORG"
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


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _merge_keys(rows: list[dict]) -> None:
    """Cross-article merges beyond equal keys, each on evidence (rewrites `entity_key` in place
    on these working dicts, which `resolved_mentions` built from its input):

    1. Kind: a name that is not in the gazetteer and was tagged organisation in some articles
       and place (or a lone unresolved person token) in others is one entity, of the kind most
       of its mentions have ("Ryanair" ORG x5, GPE x1).
    2. Short forms: an acronym or unqualified name used in some article for exactly one full
       name ("GM" for "General Motors", "Air Force" for "United States Air Force") is that name
       in every article, unless some article uses it for another name ("Air Force" for "Royal
       Air Force" too: then it stays apart).
    3. Romanised names: two person keys whose given names fold to one syllable sequence
       ("Kim Myung-soo" / "Kim Myeong-su") merge only if their countries and sectors do not
       conflict and at least one agrees (same country, sector or title), or they share a
       co-occurring named entity other than a country. Never on string similarity alone.
    """
    # 1. kind by majority for names outside the gazetteer
    kinds: dict[str, Counter] = {}
    for row in rows:
        key = row["entity_key"]
        if row.get("gazetteer_id") or row.get("alias_of") is not None:
            continue
        if key.startswith("org:") or (key.startswith("place:") and key.count(":") == 1):
            kinds.setdefault(key.split(":", 1)[1], Counter())[(key.split(":", 1)[0], row["kind"], row["entity_label"])] += 1
    chosen = {name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for name, c in kinds.items() if len(c) > 1}
    for row in rows:
        key = row["entity_key"]
        name = None
        if row.get("alias_of") is None and not row.get("gazetteer_id"):
            if key.startswith("org:") or (key.startswith("place:") and key.count(":") == 1):
                name = key.split(":", 1)[1]
            elif key.startswith("person:") and key.count(":") == 2 and f"{key.split(':')[2]}" in kinds:
                name = key.split(":")[2]  # a lone token the model called a person, elsewhere an organisation/place
        if name is not None and (name in chosen or (key.startswith("person:") and name in kinds)):
            namespace, kind, label = chosen.get(name) or sorted(kinds[name].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            row["entity_key"], row["kind"], row["entity_label"] = f"{namespace}:{name}", kind, label

    counts = Counter(row["entity_key"] for row in rows)
    clusters = UnionFind(rank=lambda k, c=counts: (-c[k], k))  # the most-mentioned key represents
    info: dict[str, dict] = {}
    by_article: dict[str, set] = {}
    for row in rows:
        entry = info.get(row["entity_key"])
        if entry is None:  # (not setdefault: it would build the default for every row)
            entry = info[row["entity_key"]] = {"country": Counter(), "sector": Counter(), "title": set(),
                                               "articles": set(), "texts": set()}
        if row.get("country_hint"):
            entry["country"][row["country_hint"]] += 1
        if row.get("sector_hint"):
            entry["sector"][row["sector_hint"]] += 1
        if row.get("title"):
            entry["title"].add(folded(row["title"]))
        entry["articles"].add(row["article_id"])
        entry["texts"].add(row["text"])
        by_article.setdefault(row["article_id"], set()).add(row["entity_key"])

    # 2. organisation short forms
    long_forms: dict[str, set] = {}
    for row in rows:
        if row.get("alias_of") is not None and row["kind"] == "organisation":
            short = f"org:{organisation_key(row['text'])}"
            if short != row["entity_key"]:
                long_forms.setdefault(short, set()).add(row["entity_key"])
    for short, targets in sorted(long_forms.items()):
        if len(targets) == 1 and short in counts:
            clusters.union(short, next(iter(targets)))

    # 3. romanisation folds with evidence
    def top(counter: Counter) -> str | None:
        return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if counter else None

    by_fold: dict[str, list[str]] = {}
    for key in sorted(counts):
        if key.startswith("person:") and "|" in key and key.count(":") == 1:
            texts = info[key]["texts"]
            for fold in set().union(*(romanisation_folds(t) for t in texts)):
                by_fold.setdefault(fold, []).append(key)
    for fold, keys in sorted(by_fold.items()):
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                ia, ib = info[a], info[b]
                ca, cb, sa, sb = top(ia["country"]), top(ib["country"]), top(ia["sector"]), top(ib["sector"])
                if not (_compatible(ca, cb) and _compatible(sa, sb)):
                    continue
                agree = (ca is not None and ca == cb) or (sa is not None and sa == sb) or bool(ia["title"] & ib["title"])
                neighbours_a = set().union(*(by_article[x] for x in ia["articles"])) - {a}
                neighbours_b = set().union(*(by_article[x] for x in ib["articles"])) - {b}
                shared = {k for k in neighbours_a & neighbours_b if not k.startswith("country:")}
                if agree or shared:
                    clusters.union(a, b)
    for row in rows:
        row["entity_key"] = clusters.find(row["entity_key"])


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

    _merge_keys(rows)
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["entity_key"], []).append(row)

    entity_rows = []
    for key, members in grouped.items():
        kind, label = members[0]["kind"], members[0]["entity_label"]
        # The display name is a full form from a body: headlines abbreviate and shout.
        surface = ([m["text"] for m in members if m.get("alias_of") is None and not m.get("in_title")]
                   or [m["text"] for m in members if m.get("alias_of") is None] or [m["text"] for m in members])
        country = sector = None
        if kind == "country":
            country = key.split(":")[1]
        elif kind == "place" and ISO3_PLACE_KEY.match(key):
            country = key.split(":")[1]  # a gazetteer city: place:KOR:seoul ("place:11:10 edt" is no country)
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
        "mention_id": mention_id(r["article_id"], r["start_char"], r["end_char"], bool(r.get("in_title"))),
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
        "in_title": bool(r.get("in_title")),
    } for r in rows]
    mentions = pl.DataFrame(mention_rows, schema=MENTION_SCHEMA, orient="row").sort("article_id", "start_char")
    return mentions, entities
