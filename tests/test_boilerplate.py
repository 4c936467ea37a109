"""Boilerplate in plain text: given pages saved as text with their furniture, expect the story."""

from __future__ import annotations

from transforms import boilerplate

STORY = [
    "Rebel forces took control of the northern town of Kalma on Sunday after a week of heavy fighting, officials said.",
    "The army said it would send reinforcements to the region within days, according to a statement from the ministry.",
    "Residents of Kalma described the fighting as the worst they had seen since the war began in the north of the country.",
    "Aid agencies said they were unable to reach the town because the main road to Kalma had been closed by the rebels.",
]
MENU = ["Home", "World", "Business", "Sport", "Weather", "Video", "Opinion", "Culture", "Travel", "Newsletters"]


def _page(*parts):
    return "\n".join(line for part in parts for line in part)


def test_story_is_the_prose_span_between_menus_and_footers():
    text = _page(MENU, ["Rebels Seize Northern Town After Week of Fighting"], STORY,
                 ["Most Popular", "1", "Longtime gunmaker leaving state", "2", "Teacher wins quiz show"], MENU)
    parts = boilerplate.story_parts(text)
    assert parts.paragraphs == STORY
    assert parts.title == "Rebels Seize Northern Town After Week of Fighting"


def test_a_subheading_inside_the_story_is_kept_and_a_menu_line_before_it_is_not():
    text = _page(MENU, STORY[:2], ["FIGHTING IN THE NORTH"], STORY[2:], MENU)
    assert boilerplate.story_parts(text).paragraphs == STORY[:2] + ["FIGHTING IN THE NORTH"] + STORY[2:]


def test_lines_of_a_page_saved_one_block_per_line_are_not_glued_together():
    text = "Why farmers may want to paint their cows with zebra stripes\nSome people thought the stripy cattle were a joke."
    assert not boilerplate.is_hard_wrapped(text)
    assert len(boilerplate.paragraphs_of(text)) == 2


def test_newswire_text_wrapped_at_a_fixed_width_is_rejoined():
    text = ("Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\n"
            "January and improving prospects for the coming temporao,\nalthough normal humidity levels have not been.")
    assert boilerplate.is_hard_wrapped(text)
    assert len(boilerplate.paragraphs_of(text)) == 1


def test_related_story_teasers_below_the_article_are_dropped():
    teasers = [
        "Why farmers may want to paint their cows", "Some people thought the stripy cattle were a joke, but scientists say they work.",
        "What made the film so popular?", "The movie broke records at the box office in its first weekend in cinemas.",
        "Deal alert: laptops up to $200 off...", "The retailer is not waiting until the holidays to offer deep discounts.",
    ]
    parts = boilerplate.story_parts(_page(MENU, STORY, teasers, MENU))
    assert parts.paragraphs == STORY


def test_comment_section_ends_the_story():
    comments = ["34 responses to this story", "joetoronto says:", "November 19, 2019 at 6:44 am",
                "It is time for fans to come to grips with reality, it is over yet again this season.",
                "v2787 says:", "November 19, 2019 at 7:02 am",
                "The governor is done and everybody in the capital of the country knows it, so why wait?"]
    assert boilerplate.story_parts(_page(MENU, STORY, comments)).paragraphs == STORY


def test_widget_lines_repeated_within_a_page_are_furniture():
    text = _page(["Whatsapp Facebook Pin"], STORY[:2], ["Whatsapp Facebook Pin"], STORY[2:], ["Whatsapp Facebook Pin"])
    assert boilerplate.story_parts(text).paragraphs == STORY


def test_a_long_paragraph_that_starts_like_a_ui_string_is_prose():
    assert boilerplate.classified("Share this").is_ui
    long = "Share prices fell sharply on Monday as investors in the capital worried about the new tax on banks and insurers."
    assert not boilerplate.classified(long).is_ui


def test_stopword_density_separates_prose_from_name_lists():
    assert boilerplate.stopword_density("The army said it would send reinforcements to the region.") > 0.3
    assert boilerplate.stopword_density("Kyle Busch Martin Truex Kevin Harvick Denny Hamlin") == 0.0


def test_a_list_announced_by_a_colon_is_the_storys_even_when_it_looks_like_links():
    dates = ["June 9 -- Coral Sky Amphitheatre, West Palm Beach", "June 10 -- Credit Union Amphitheatre, Tampa",
             "June 14 -- Bank Amphitheatre, Alpharetta"]
    text = _page(MENU, STORY, ["The band will play these dates next summer:"], dates, MENU)
    assert boilerplate.story_parts(text).paragraphs == STORY + ["The band will play these dates next summer:"] + dates


def test_a_page_without_prose_keeps_its_longest_list():
    calendar = ["Round 1: 10 March, Interlagos circuit", "Round 2: 8 April, Curitiba street circuit",
                "Round 3: 22 April, Velopark near Porto Alegre", "Round 4: 6 May, Londrina oval track"]
    assert boilerplate.story_parts(_page(MENU, ["Calendar"], calendar, MENU)).paragraphs == calendar


def test_a_comment_prompt_ends_the_story_even_before_a_longer_block_of_prose():
    others = [f"In other news, the council of a city far away approved a budget of {n} million for parks and roads."
              for n in range(10, 20)]
    text = _page(MENU, STORY, ["Share your thoughts with friends."], others)
    assert boilerplate.story_parts(text).paragraphs == STORY


def test_a_most_read_box_inside_the_story_does_not_end_it():
    text = _page(MENU, STORY[:1], ["Most read in world news", "Teacher wins quiz show", "Gunmaker leaves state"],
                 STORY[1:], MENU)
    assert boilerplate.story_parts(text).paragraphs == STORY
