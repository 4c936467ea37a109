"""The spaCy pipeline's own rules: case restoration before NER, organisations named after places."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from transforms.nlp import case_restored


def test_all_caps_headline_takes_the_case_the_article_uses():
    text = ("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY .\nLONDON 1996-08-30\n"
            "Phil Simmons took four for 38 as Leicestershire beat Somerset.")
    restored = case_restored(text)
    assert restored.split("\n")[0] == "Cricket - Leicestershire take over at top after innings victory ."
    assert restored.split("\n")[1] == "London 1996-08-30"
    assert restored.split("\n")[2] == text.split("\n")[2]


def test_gazetteer_names_keep_their_own_case_in_a_caps_headline():
    restored = case_restored("NATO CHIEF MEETS SOUTH KOREAN OFFICIALS IN BRUSSELS\nThe meeting was short.")
    assert restored.split("\n")[0] == "NATO chief meets South Korean officials in Brussels"


def test_mixed_case_text_and_short_caps_lines_are_left_alone():
    assert case_restored("Kim met Rob Bauer in Seoul.\nNATO") == "Kim met Rob Bauer in Seoul.\nNATO"


def test_restoring_case_helps_the_model_tag_a_headline(nlp):
    body = "PYONGYANG AND MOSCOW SIGN PACT IN SEOUL TALKS\nThe two sides met on Monday."
    labels = {e.text: e.label_ for e in nlp(case_restored(body)).ents}
    assert labels.get("Pyongyang") == "GPE" and labels.get("Moscow") == "GPE"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_case_restoration_keeps_every_offset(text):
    restored = case_restored(text)
    assert len(restored) == len(text)
    assert all(a == b or a.lower() == b.lower() or a.upper() == b.upper() for a, b in zip(restored, text))


def test_only_letters_change_and_only_in_case():
    text = "U.S. AND SOUTH KOREA'S JCS HOLD TALKS - 2024\nThe JCS said talks went well."
    restored = case_restored(text)
    assert [ch for ch in restored if not ch.isalpha()] == [ch for ch in text if not ch.isalpha()]
    assert restored.startswith("U.S. and South Korea's JCS hold talks - 2024")


def test_place_names_followed_by_an_organisation_word_are_organisations(nlp):
    doc = nlp("Singapore Airlines and Air France flew the United States Air Force crews to Seoul.")
    ents = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert ents["Singapore Airlines"] == ("ORG", "")
    assert ents["Air France"] == ("ORG", "")
    assert ents["Seoul"] == ("GPE", "city:KOR:Seoul")
    assert any(t.endswith("United States Air Force") and lab == "ORG" for t, (lab, _) in ents.items())


def test_headlines_give_mentions_with_offsets_into_the_title():
    from datetime import datetime

    import polars as pl

    from transforms import entities, nlp

    articles = pl.DataFrame({
        "article_id": ["a1"], "title": ["BAUER MEETS SOUTH KOREAN JCS CHIEF IN SEOUL"],
        "body": ["NATO's Rob Bauer met Adm. Kim Myung-soo in Seoul on Monday."],
        "published_at": [datetime(2024, 6, 11)],
    })
    raw, _ = nlp.annotations(articles)
    title_rows = raw.filter(pl.col("in_title")).to_dicts()
    title = articles["title"][0]
    assert title_rows and all(title[r["start_char"]:r["end_char"]] == r["text"] for r in title_rows)
    bauer = next(r for r in title_rows if r["text"] == "BAUER")
    body_bauer = raw.filter(~pl.col("in_title") & (pl.col("text") == "Rob Bauer"))["mention_index"][0]
    assert (bauer["label"], bauer["alias_of"]) == ("PERSON", body_bauer)
    seoul = next(r for r in title_rows if r["text"] == "SEOUL")
    assert seoul["role"] == "place"
    mentions, _ = entities.resolved_mentions(raw)
    assert mentions["mention_id"].n_unique() == mentions.height
    ids = dict(zip(mentions["text"], mentions["entity_id"]))
    assert ids["BAUER"] == ids["Rob Bauer"]


def test_headlines_parsed_beside_their_bodies_stay_with_their_article():
    """Headlines are parsed in the bodies' batches, each after its body; an article without a
    headline (None or blank) between two with one must not shift them."""
    from datetime import datetime

    import polars as pl

    from transforms import nlp

    articles = pl.DataFrame({
        "article_id": ["a1", "a2", "a3", "a4"],
        "title": ["Bauer visits Seoul", None, "   ", "Macron meets Scholz in Paris"],
        "body": ["NATO's Rob Bauer arrived in Seoul on Monday.", "Japan and China held talks in Beijing.",
                 "Kenya's president spoke in Nairobi.", "French President Emmanuel Macron met Olaf Scholz."],
        "published_at": [datetime(2024, 6, 11)] * 4,
    })
    raw, _ = nlp.annotations(articles, batch_size=2)  # headlines and bodies in batches of 4 texts
    headline = {(r["article_id"], r["text"]) for r in raw.filter(pl.col("in_title")).to_dicts()}
    assert {("a1", "Seoul"), ("a4", "Paris")} <= headline
    assert {a for a, _ in headline} == {"a1", "a4"}
    body = raw.filter(~pl.col("in_title"))
    assert set(body.filter(pl.col("article_id") == "a2")["text"]) >= {"Japan", "China", "Beijing"}
    for row in raw.to_dicts():
        source = articles.filter(pl.col("article_id") == row["article_id"])["title" if row["in_title"] else "body"][0]
        assert source[row["start_char"] : row["end_char"]] == row["text"]


def test_title_case_headlines_are_restored_like_all_caps_ones():
    from transforms.nlp import _shouted

    title = "Kim and NATO's Bauer Discuss Enhancing Military Cooperation"
    body = "Adm. Kim Myung-soo and Rob Bauer discussed military cooperation on Monday."
    assert case_restored(f"{_shouted(title)}\n{body}")[: len(title)] == (
        "Kim and NATO's Bauer discuss enhancing military cooperation")
    assert _shouted("Kim meets the NATO chief in Brussels") == "Kim meets the NATO chief in Brussels"


def test_a_headline_name_takes_the_label_the_body_gave_it():
    import polars as pl

    from transforms import nlp

    articles = pl.DataFrame({
        "article_id": ["a1"], "title": ["Chairman Kim and NATO's Rob Bauer Discuss Enhancing Military Cooperation"],
        "body": ["Adm. Kim Myung-soo held talks with Rob Bauer, chair of the NATO Military Committee."],
        "published_at": [None],
    }, schema={"article_id": pl.String, "title": pl.String, "body": pl.String, "published_at": pl.Datetime})
    raw, _ = nlp.annotations(articles)
    headline = {r["text"]: r for r in raw.filter(pl.col("in_title")).to_dicts()}
    assert headline["Rob Bauer"]["label"] == "PERSON"
    assert not any("Discuss" in text for text in headline)


def test_loading_the_gazetteer_leaves_every_component_running(nlp):
    # The ruler's patterns are tokenized with the other components switched off (a fast load);
    # they must all be back on afterwards, and multi-word names still match as one entity.
    import spacy

    from transforms import settings

    assert nlp.disabled == spacy.load(settings.SPACY_MODEL).disabled
    assert {"tagger", "parser", "lemmatizer", "gazetteer_ruler", "ner"} <= set(nlp.pipe_names)
    doc = nlp("Officials in Rio de Janeiro met envoys from the United Arab Emirates.")
    assert {t.dep_ for t in doc} != {""}
    ents = {e.text: e.ent_id_ for e in doc.ents}
    assert ents.get("Rio de Janeiro", "").startswith("city:")
    assert ents.get("United Arab Emirates", "").startswith("country:ARE")
    # Its pattern Docs are dropped once the matcher has them (memory); matching must not care.
    assert not nlp.get_pipe("gazetteer_ruler").phrase_patterns


def test_parse_batches_stop_at_a_count_or_a_length_and_keep_the_order():
    from transforms.nlp import parsed

    class Recorder:
        def __init__(self):
            self.batches: list[list[str]] = []

        def pipe(self, texts, batch_size):
            assert batch_size == len(texts)
            self.batches.append(list(texts))
            return iter(t.upper() for t in texts)

    texts = ["a" * 10, "b" * 10, "c" * 10, "d" * 50, "e" * 10, "f" * 10, "g" * 10]
    recorder = Recorder()
    assert list(parsed(recorder, texts, batch_size=2, max_chars=30)) == [t.upper() for t in texts]
    # two texts at most; a text that would pass 30 characters starts a batch, alone if it is longer
    assert [len(b) for b in recorder.batches] == [2, 1, 1, 2, 1]
    assert recorder.batches[2] == ["d" * 50]
    recorder = Recorder()  # exactly at the limit still joins
    assert list(parsed(recorder, ["a" * 20, "b" * 10, "c"], batch_size=5, max_chars=30)) == ["A" * 20, "B" * 10, "C"]
    assert recorder.batches == [["a" * 20, "b" * 10], ["c"]]
    assert list(parsed(recorder, [], batch_size=5, max_chars=30)) == []


def test_articles_are_parsed_in_length_capped_batches(nlp, monkeypatch):
    from datetime import datetime

    import polars as pl

    from transforms import nlp as nlp_module

    calls = []
    real = nlp_module.parsed

    def recording(model, texts, batch_size):
        calls.append(len(texts))
        return real(model, texts, batch_size)

    monkeypatch.setattr(nlp_module, "parsed", recording)
    frame = pl.DataFrame({"article_id": ["a", "b"], "body": ["Iran met Iraq.", "Japan met China."],
                          "published_at": [datetime(2020, 1, 1)] * 2})
    mentions, _ = nlp_module._chunk_annotations(frame, 32)
    assert calls == [2]
    assert set(mentions["text"]) >= {"Iran", "Iraq", "Japan", "China"}


def test_a_possessive_in_a_caps_line_takes_the_body_form_of_its_stem():
    text = "MCALLISTER'S VISIT TO SEOUL\nThe envoy, Rob McAllister, met officials in Seoul."
    assert case_restored(text).splitlines()[0] == "McAllister's visit to Seoul"


def test_worker_processes_give_what_this_process_gives():
    # The workers are forked from a fork server that loaded spaCy's model: they must parse,
    # clean and run polars (whose threads do not survive a fork if the server ever started
    # them) exactly as this process does, and not hang.
    import threading
    from datetime import datetime

    import polars as pl

    from transforms import nlp

    bodies = ["NATO's Rob Bauer met Adm. Kim Myung-soo in Seoul on Monday.",
              "North Korea fired two ballistic missiles on Tuesday, Japan's defence ministry said.",
              "Kim Myung-soo held a phone call with Rob Bauer and agreed to expand cooperation."] * 2
    articles = pl.DataFrame({
        "article_id": [f"a{i}" for i in range(len(bodies))], "title": ["Kim and Bauer hold talks"] * len(bodies),
        "body": bodies, "published_at": [datetime(2024, 6, 11)] * len(bodies),
    })
    here = nlp.annotations(articles)
    there: list = []
    worker = threading.Thread(target=lambda: there.append(nlp.annotations(articles, n_process=2, batch_size=2)),
                              daemon=True)
    try:
        worker.start()
        worker.join(timeout=120)
        assert there, "the worker processes did not answer within 120 s"
        # Chunks come back in order, each with its bodies' rows before its headlines'.
        assert there[0][0].sort("mention_id").equals(here[0].sort("mention_id"))
        assert there[0][1].equals(here[1]) and here[1].height >= 3
        server = _fork_server_pid()
        if server is not None:  # Linux: the fork server started no polars thread
            threads = [p.read_text().strip() for p in Path(f"/proc/{server}/task").glob("*/comm")]
            assert threads and not [t for t in threads if "polars" in t], threads
    finally:
        if worker.is_alive() and 2 in nlp._POOLS:  # hung: kill the workers, or stopping them would wait
            for process in list(nlp._POOLS[2]._processes.values()):
                process.kill()
        nlp.stop_workers()


def _fork_server_pid():
    from multiprocessing import forkserver

    pid = forkserver._forkserver._forkserver_pid
    return pid if pid is not None and Path(f"/proc/{pid}/task").exists() else None


def test_worker_preload_builds_the_pipeline_without_polars():
    """The fork server imports `worker_preload`: it must build the whole pipeline (gazetteer
    included, so the workers inherit it) and must not import polars (its threads would not
    survive the fork)."""
    import subprocess
    import sys

    code = ("import sys\nimport transforms.worker_preload\nfrom transforms import spacy_pipeline\n"
            "nlp = spacy_pipeline.pipeline()\n"
            "print('polars' in sys.modules, spacy_pipeline.pipeline.cache_info().hits, "
            "'gazetteer_ruler' in nlp.pipe_names, "
            "'org:NATO' in [e.ent_id_ for e in nlp('Officials in Seoul met NATO.').ents])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "1", "True", "True"]


def test_every_event_lexicon_verb_is_the_lemma_of_its_regular_forms(nlp):
    """The lexicon matches lemmas: a verb whose regular "-ed", "-ing" or "-s" form (built naively:
    doubled consonants and "-ies" are not tried) the rule lemmatizer cuts to a shorter verb ("staged" -> "stag", "fined" -> "fin") never codes. Entries that are
    not verbs ("crackdown", "concession"), American doubled spellings the lemmatizer gives in the
    British form ("enroll", "fulfill"), PETRARCH's typo "satify" and "bide" (whose "bided" is
    also "bid" + "ed") are left out."""
    import csv

    from spacy.tokens import Doc

    from transforms.spacy_pipeline import LEMMA_FIXES

    lemmatizer = nlp.get_pipe("lemmatizer")
    skip = {"crackdown", "concession", "enroll", "fulfill", "satify", "bide"}
    with open(Path(__file__).resolve().parent.parent / "seeds" / "event_lexicon.csv") as f:
        verbs = sorted({row["verb"].split()[0] for row in csv.DictReader(f)} - skip)
    wrong = []
    for verb in verbs:
        stem = verb[:-1] if verb.endswith("e") else verb
        for form, tag in ((stem + "ed", "VBD"), (stem + "ing", "VBG"), (verb + "s", "VBZ")):
            doc = Doc(nlp.vocab, words=["They", form, "it"])
            doc[1].pos_, doc[1].tag_ = "VERB", tag
            lemma = LEMMA_FIXES.get(form) or lemmatizer.rule_lemmatize(doc[1])[0]
            if lemma != verb:
                wrong.append((form, lemma, verb))
    assert len(verbs) > 1000 and wrong == []


def test_a_fixed_verb_lemma_reaches_the_parsed_token(nlp):
    doc = nlp("Teachers staged a strike, the court fined the company and the army retook the town.")
    assert [t.lemma_ for t in doc if t.pos_ == "VERB"] == ["stage", "fine", "retake"]
