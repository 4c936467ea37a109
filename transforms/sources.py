"""Sources: one row per publisher, from the signals the clean stage found in each article.

A publisher is known by its registered domain (from the URL, or a contact e-mail in the text)
or, failing that, by its name (metadata `source`, HTML site name, or a byline). Articles that
give only a name join the domain-keyed source that carries the same name.
"""

from __future__ import annotations

import hashlib

import polars as pl

SOURCE_SCHEMA = {
    "source_id": pl.String,  # sha256("source:" + key)[:16], key = domain, else lower-cased name
    "name": pl.String,
    "domain": pl.String,
    "country": pl.String,  # ISO3 from the domain's country-code TLD, when it has one
    "article_count": pl.Int64,
}

# News agencies as they sign datelines ("WASHINGTON (Reuters) -"), with their readable names.
AGENCY_NAMES = {
    "reuters": "Reuters", "ap": "Associated Press", "afp": "Agence France-Presse", "upi": "United Press International",
    "xinhua": "Xinhua", "yonhap": "Yonhap News Agency", "kyodo": "Kyodo News", "bloomberg": "Bloomberg",
    "dpa": "Deutsche Presse-Agentur", "ansa": "ANSA", "efe": "EFE", "pti": "Press Trust of India", "ians": "IANS",
    "tass": "TASS", "itar-tass": "TASS", "cnn": "CNN", "bbc": "BBC News", "anadolu": "Anadolu Agency",
}


def agency_name(dateline: str | None) -> str | None:
    """Readable name of the agency that signs a dateline ("LONDON, March 3 (AFP)" ->
    "Agence France-Presse"), or None when the dateline names no agency we know."""
    if not dateline or "(" not in dateline:
        return None
    inside = dateline.rsplit("(", 1)[1].rstrip(")").strip().lower()
    return AGENCY_NAMES.get(inside)


# Country-code TLDs whose ISO 3166 alpha-2 code differs from the TLD.
TLD_TO_ISO2 = {"uk": "GB"}


def source_key(name: str | None, domain: str | None) -> str | None:
    if domain:
        return domain.lower()
    if name and name.strip():
        return " ".join(name.lower().split())
    return None


def source_id(key: str) -> str:
    return hashlib.sha256(f"source:{key}".encode()).hexdigest()[:16]


def _country_of_domain(domain: str | None, iso2_to_iso3: dict[str, str]) -> str | None:
    if not domain:
        return None
    tld = domain.rsplit(".", 1)[-1].lower()
    if len(tld) != 2:
        return None
    return iso2_to_iso3.get(TLD_TO_ISO2.get(tld, tld.upper()))


def article_sources(articles: pl.DataFrame) -> pl.DataFrame:
    """One row per article: article_id, source_id (null when no publisher signal), source key,
    name and domain. Needs article_id, source_name, source_domain."""
    named_domains = (
        articles.filter(pl.col("source_name").is_not_null() & pl.col("source_domain").is_not_null())
        .group_by(pl.col("source_name").str.to_lowercase().alias("name_key"))
        .agg(pl.col("source_domain").min().alias("known_domain"))
    )
    resolved = (
        articles.select("article_id", "source_name", "source_domain")
        .with_columns(name_key=pl.col("source_name").str.to_lowercase())
        .join(named_domains, on="name_key", how="left")
        .with_columns(domain=pl.coalesce("source_domain", "known_domain"))
    )
    keys = [source_key(n, d) for n, d in zip(resolved["source_name"], resolved["domain"])]
    return resolved.with_columns(
        key=pl.Series(keys, dtype=pl.String),
    ).with_columns(
        source_id=pl.col("key").map_elements(source_id, return_dtype=pl.String),
    ).select("article_id", "source_id", "key", pl.col("source_name").alias("name"), "domain")


def sources(article_sources: pl.DataFrame, iso2_to_iso3: dict[str, str]) -> pl.DataFrame:
    """One row per publisher with its readable name (the most common name its articles give,
    else the domain) and its article count."""
    known = article_sources.filter(pl.col("source_id").is_not_null())
    if known.is_empty():
        return pl.DataFrame(schema=SOURCE_SCHEMA)
    names = (
        known.filter(pl.col("name").is_not_null())
        .group_by("source_id", "name")
        .agg(pl.len().alias("n"))
        .sort(["source_id", "n", "name"], descending=[False, True, False])
        .unique("source_id", keep="first")
        .select("source_id", "name")
    )
    grouped = known.group_by("source_id").agg(pl.col("domain").drop_nulls().min(), pl.len().alias("article_count"))
    out = grouped.join(names, on="source_id", how="left").with_columns(
        name=pl.coalesce("name", "domain"),
        country=pl.col("domain").map_elements(
            lambda d: _country_of_domain(d, iso2_to_iso3), return_dtype=pl.String
        ),
        article_count=pl.col("article_count").cast(pl.Int64),
    )
    return out.select(list(SOURCE_SCHEMA)).sort("source_id")
