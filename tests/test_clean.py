"""Clean: given raw text or HTML, expect the story without site furniture, plus metadata."""

from __future__ import annotations

from datetime import datetime, timedelta

import polars as pl
from hypothesis import given, strategies as st

from transforms import boilerplate, clean
from transforms.settings import SAMPLE_DIR

FURNITURE = ["scroll to top", "Quick access", "BEMIL Views", "Comments0", "[Latest]", "Polish Pilots Test",
             "Share it on", "fastviewkorea.com"]


def _document(text=None, html=None, **meta):
    return {"doc_id": "d.txt", "input_path": "in/d.txt", "run_id": "run-1", "format": "html" if html else "txt",
            "raw_text": text, "raw_html": html, "url": None, "title": None, "published": None, "source": None,
            "language": None, **meta}


def test_sample_articles_come_out_clean_and_complete():
    first, second = [clean.cleaned_article(_document(p.read_text())) for p in sorted(SAMPLE_DIR.glob("*.txt"))]
    for article in (first, second):
        assert not [f for f in FURNITURE if f in article["body"]], article["body"][-300:]
    assert first["title"] == "South Korea and NATO Military Chiefs Discuss Cooperation Ahead of Key Meeting"
    assert first["body"].startswith("Seoul, South Korea - Top military officials")
    assert first["body"].endswith("partner nations in Vilnius.")
    assert first["dateline"] == "Seoul, South Korea" and first["dateline_place"] == "Seoul"
    assert second["title"].startswith("Chairman Kim Myung Soo and NATO")
    assert second["body"].startswith("On Monday afternoon, Kim Myung Soo")
    assert second["body"].endswith("will take office as the new NATO Military Committee Chairman.")
    assert second["body"].count("\n\n") == 4  # five story paragraphs, none lost
    assert (second["source_name"], second["source_domain"]) == ("BEMIL", "fastviewkorea.com")
    assert first["language"] == second["language"] == "en"


def test_link_lists_ui_strings_and_contact_lines_are_dropped():
    text = "\n\n".join([
        "Skip to main content",
        "Rebels Seize Northern Town After Week of Fighting",
        "Rebel forces took control of the northern town on Sunday after a week of heavy fighting, officials said.",
        "The army said it would send reinforcements to the region within days, according to a statement.",
        "By Jane Doe",
        "jane.doe@example-news.com",
        "Related stories\n• Army Chief Visits Front Line\n• Ceasefire Talks Stall in Capital\n• Aid Convoy Reaches City",
        "© 2024 Example News. All rights reserved.",
    ])
    parts = boilerplate.story_parts(text)
    assert parts.title == "Rebels Seize Northern Town After Week of Fighting"
    assert len(parts.paragraphs) == 2
    assert parts.contact_domain == "example-news.com"
    assert parts.byline == "By Jane Doe"


def test_hard_wrapped_paragraphs_are_rejoined():
    text = "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary and improving prospects for the coming crop."
    assert boilerplate.paragraphs_of(text) == [" ".join(text.split("\n"))]


def test_datelines_are_parsed():
    assert clean.dateline_of("WASHINGTON (Reuters) - The U.S. said...") == ("WASHINGTON (Reuters)", "Washington")
    assert clean.dateline_of("SALVADOR, Feb 26 - Showers continued") == ("SALVADOR, Feb 26", "Salvador")
    assert clean.dateline_of("The president said on Monday - quietly - that") == (None, None)


def test_html_page_gives_text_title_date_and_domain():
    html = """<html><head><title>Talks resume | Example</title>
    <meta property="og:site_name" content="Example News">
    <meta property="article:published_time" content="2024-06-11T08:00:00Z">
    <link rel="canonical" href="https://www.example.co.uk/world/talks"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Talks resume</h1>
    <p>Negotiators from both countries resumed talks in Geneva on Monday after a pause of several months.</p>
    <p>The delegations said they hoped to reach an agreement on the border dispute before the end of the year.</p>
    </article><footer>Copyright 2024 Example News</footer></body></html>"""
    article = clean.cleaned_article(_document(html=html))
    assert "Negotiators from both countries" in article["body"]
    assert "Home" not in article["body"] and "Copyright" not in article["body"]
    assert article["published_at"] == datetime(2024, 6, 11, 0, 0) or article["published_at"].date().isoformat() == "2024-06-11"
    assert article["source_domain"] == "example.co.uk"
    assert article["source_name"] == "Example News"


def test_metadata_date_and_text_dates():
    assert clean.parsed_datetime("2024-06-11T10:00:00+09:00") == datetime(2024, 6, 11, 1, 0)
    assert clean.date_in_text("Posted June 3, 2024 by staff") == datetime(2024, 6, 3)
    assert clean.date_in_text("no date here") is None


def test_a_kick_off_time_under_a_date_is_not_a_year():
    # A BBC fixture block: "Saturday, 26 February" then "1600 GMT" was read as 26 Feb 1600.
    assert clean.date_in_text("Stade de France, Paris\n\nSaturday, 26 February\n\n1600 GMT\n\nFrance") is None
    assert clean.date_in_text("26 February 1600 GMT, then on 3 March 2005 the final") == datetime(2005, 3, 3)


def test_implausible_metadata_dates_are_no_dates():
    far_future = (datetime.now() + timedelta(days=30)).strftime("%Y-%m-%d")
    for bad in ("0001-01-01", "1600-02-26", far_future):
        article = clean.cleaned_article({**_document("Troops crossed the border on Monday, officials said."),
                                         "published": bad})
        assert article["published_at"] is None, bad
    good = clean.cleaned_article({**_document("Troops crossed the border on Monday."), "published": "1987-03-02"})
    assert good["published_at"] == datetime(1987, 3, 2)


def test_documents_without_story_are_rejected_by_clean():
    frame = pl.DataFrame([_document("Home\n\nNews\n\nSport\n\nWeather\n\nContact us")])
    articles, rejects = clean.clean_articles(frame)
    assert articles.height == 0
    assert rejects["stage"].to_list() == ["clean"] and "no article text" in rejects["reason"][0]


@given(st.text(max_size=500))
def test_normalised_text_is_idempotent(text):
    once = clean.normalised_text(text)
    assert clean.normalised_text(once) == once


def _site_articles(bodies, domain="example.com"):
    rows = []
    for i, body in enumerate(bodies):
        article = clean.cleaned_article(_document(body, doc_id=f"site/{i}.txt", url=f"https://www.{domain}/a/{i}"))
        rows.append(article)
    return pl.DataFrame(rows, schema=clean.ARTICLE_SCHEMA, orient="row")


STORIES = [
    "Negotiators from both countries resumed talks in Geneva on Monday after a pause of several months.",
    "Heavy rain caused flooding across the southern provinces on Wednesday, forcing thousands from their homes.",
    "The central bank raised its benchmark interest rate by a quarter point on Wednesday, citing inflation.",
    "Rebel forces took control of the northern town on Sunday after a week of heavy fighting, officials said.",
]
SIGN_OFF = "Support our independent newsroom with a small gift today, please."


def test_paragraphs_repeated_across_a_sites_articles_are_template():
    articles = _site_articles([f"{story}\n\n{SIGN_OFF}" for story in STORIES])
    template = clean.template_paragraphs(articles)
    assert template["paragraph"].to_list() == [SIGN_OFF] and template["num_articles"].to_list() == [4]
    cleaned = clean.without_template(articles, template)
    assert cleaned["body"].to_list() == STORIES
    assert cleaned["body_hash"].to_list() == [clean.body_hash(s) for s in STORIES]
    assert cleaned.columns == articles.columns


def test_template_needs_three_articles_of_one_site_and_never_eats_the_story():
    two = _site_articles([f"{story}\n\n{SIGN_OFF}" for story in STORIES[:2]])
    assert clean.template_paragraphs(two).is_empty()
    # The same story filed three times with a different last line: repetition, not template.
    copies = _site_articles([f"{STORIES[0]}\n\n{STORIES[1]}\n\nUpdated {i}." for i in range(3)])
    cleaned = clean.without_template(copies, clean.template_paragraphs(copies))
    assert cleaned["body"].to_list() == copies["body"].to_list()


def test_dateline_with_date_and_agency():
    assert clean.dateline_of("LONDON, March 3 (AFP) — Prices rose") == ("LONDON, March 3 (AFP)", "London")


def test_html_published_and_modified_dates_are_kept_apart():
    html = """<html><head><title>Talks resume</title>
    <meta property="article:published_time" content="2024-06-11T08:00:00Z">
    <meta property="article:modified_time" content="2024-06-13T09:30:00Z"></head>
    <body><article><h1>Talks resume</h1>
    <p>Negotiators from both countries resumed talks in Geneva on Monday after a pause of several months.</p>
    <p>The delegations said they hoped to reach an agreement on the border dispute before the end of the year.</p>
    </article></body></html>"""
    article = clean.cleaned_article(_document(html=html))
    assert article["published_at"].date().isoformat() == "2024-06-11"
    assert article["modified_at"].date().isoformat() == "2024-06-13"
    assert article["date_source"] == "html"


def test_wire_dateline_names_the_publisher_when_nothing_else_does():
    text = ("WASHINGTON (Reuters) - The U.S. Treasury said on Tuesday it would sell new two-year notes next week, "
            "adding to the supply of government debt as the deficit widens.")
    article = clean.cleaned_article(_document(text))
    assert (article["dateline"], article["dateline_place"]) == ("WASHINGTON (Reuters)", "Washington")
    assert article["source_name"] == "Reuters"
    assert clean.cleaned_article(_document(text, source="Example Daily"))["source_name"] == "Example Daily"
