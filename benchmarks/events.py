"""Event benchmark: coding accuracy on hand-labelled corpus sentences, and story clustering.

    python -m benchmarks.events            # both parts
    python -m benchmarks.events coding     # event coding only (160 dev + 65 + 56 + 56 + 120 + 150 + 150 + 134 + 120 + 120 + 119 held-out sentences, ~2 min)
    python -m benchmarks.events coding -v  # ... and list each disagreement of the tuning splits
    python -m benchmarks.events coding --tuning -v  # the tuning splits alone (no held-out #2/#3 numbers)
    python -m benchmarks.events agreement  # a second coder scored against the first (instant; --tuning: #5 only)
    python -m benchmarks.events stories    # story B-cubed on ECB+ train/dev (772 articles, ~2 min)

Coding. `benchmarks/events_gold.csv` holds, per selected sentence (corpus, article id,
character offsets; see benchmarks/corpus_sentences.py for the selection), the events a human
coder expects following the PLOVER manual: PLOVER type, CAMEO root, actor and recipient country
(ISO3, IGO for intergovernmental organisations, empty for non-state parties without a country
or an unstated recipient; "A|B" accepts either). A sentence without events has one row with an
empty type. The system codes the whole article (so pronouns and context work as in the
pipeline) and its reports whose trigger falls inside a labelled sentence are aligned one-to-one
with that sentence's gold events (best agreement first); a report with no party at all is not
scored, as `merged_events` keeps no event for it. Reported:
- type accuracy: system reports whose PLOVER type equals their aligned gold event's
  (a report with nothing to align to counts as wrong);
- recall: gold events aligned to a report of the right type (a report naming several parties
  of a side also recalls the gold events of its other dyads: "Syrian and Russian jets bombed");
- actor / recipient country accuracy: on type-correct pairs;
- full triple precision / recall: type, actor country and recipient country all right
  (for symmetric types, CONSULT/COOPERATE/AGREE and the signing of an agreement, CAMEO 057, the
  two sides may be swapped).

Eleven splits, scored separately and combined: `dev` (events_gold.csv, the first sentences of
fixed articles; rules are tuned against it), `heldout` (events_heldout.csv, seeded-random
sentences that contain an action word, labelled before any rule was tuned on them; its scores
were seen after round 2, so it is no longer fully unseen), `heldout2` (events_heldout2.csv,
drawn the same way from other articles and labelled before round 3's tuning), `heldout3`
(events_heldout3.csv, drawn the same way from articles in none of the others after held-out #2
had been looked at, and labelled by a second coder before the system's output on it was seen;
see benchmarks/corpus_sentences.py), and `heldout4` (events_heldout4.csv, 120 sentences drawn the
same way from articles in none of the others, labelled blind by another coder on 2026-12-06 and
scored once before any rule looked at it: type 0.467, recall 0.233, triple 0.200 / 0.100; from
then on a tuning split), and `heldout5` (events_heldout5.csv, 150 sentences drawn the same way from
articles in none of the others, labelled blind by three other coders on 2026-12-06, a third of each
outlet each, and scored once before any rule looked at it: type 0.438, recall 0.210, triple
0.219 / 0.098; from then on a tuning split), and `heldout6` (events_heldout6.csv, 150 sentences
drawn the same way from articles in none of the others, labelled blind by three other coders on
2026-12-06 (second session), scored once at commit 8a87702 before any rule looked at it: type
0.506, recall 0.303, actor 0.860, recipient 0.535, triple 0.224 / 0.138; from then on a tuning
split), and `heldout7` (events_heldout7.csv, 134 sentences drawn the same way from articles in none
of the others -- the Guardian sample had only 34 more articles with an action sentence -- labelled
blind by three other coders on 2026-12-06 (third session) from generic PLOVER/CAMEO instructions
that state none of this system's conventions; scored at commit dabc82d before any rule looked
at it: type 0.552, recall 0.255, actor 0.541, recipient 0.514, triple 0.194 / 0.090, and again,
identically, at fb72146 after that session's rules; from then on a tuning split),
and `heldout8` (events_heldout8.csv, 120 sentences, 60 BBC and 60 Reuters, drawn the same way
from articles in none of the others, labelled blind by three other coders with #7's
instructions; scored once at commit d6d9d4c before any rule looked at it: type 0.571, recall
0.296, actor 0.875, recipient 0.500, triple 0.232 / 0.120; from then on a tuning split), and
`heldout9` (events_heldout9.csv, 120 sentences, 60 BBC and 60 Reuters, drawn and coded the same
way on 2026-12-06 and sealed: first scored at the end of the session that drew it, after its
rules), and `heldout10` (events_heldout10.csv, 119 sentences, the last 19 BBC articles with an
action sentence and 100 Reuters, drawn and coded the same way at the start of the eleventh
session, scored at once (commit e00d4f0: type 0.575, recall 0.420, actor 0.848, recipient
0.543, triple 0.237 / 0.193) and sealed). The tuning splits are dev, held-out #1, #4, #5, #6, #7
and #8: only their disagreements are listed with -v, so held-out #2, #3, #9 and #10 stay an
honest estimate of unseen text.

Coder agreement. Held-out #2, #3 and #5 were each coded a second time (events_heldout*_second.csv,
2026-12-06), by coders blind to the first coding and to the system, from the same PLOVER/CAMEO
files and article text. `agreement` scores the second coder against the first as the system is
scored (its events as reports at their sentence; a coder gives only the CAMEO root, so a signing
does not get the side swap of the system's 057), which says how far two careful coders agree
under this metric; `coding` also scores the system against the second coder. Type accuracy is a
precision, so it is not symmetric: it is read over the second coder's events.
The first codings of #2 and #3 were made in earlier rounds under earlier instructions, so those
pairs measure agreement across coding habits; #5's second coders had the same written instructions as its first, so that pair
measures agreement within one guideline.

Stories. `transforms.stories.story_ids` over the ECB+ articles; B-cubed precision, recall and
F1 of story_id against the gold subtopic_id. The baseline printed beside it is "one story per
topic" (what a topic-level clusterer would do), so the ratio shows what splitting subtopics buys.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus_sentences import CORPUS, articles_by_id, parseable  # noqa: E402
from transforms.events import SYMMETRIC_CODES, SYMMETRIC_TYPES, symmetric  # noqa: E402

GOLD = ROOT / "benchmarks" / "events_gold.csv"
HELDOUT = ROOT / "benchmarks" / "events_heldout.csv"
HELDOUT2 = ROOT / "benchmarks" / "events_heldout2.csv"
HELDOUT3 = ROOT / "benchmarks" / "events_heldout3.csv"
HELDOUT4 = ROOT / "benchmarks" / "events_heldout4.csv"
HELDOUT5 = ROOT / "benchmarks" / "events_heldout5.csv"
HELDOUT6 = ROOT / "benchmarks" / "events_heldout6.csv"
HELDOUT7 = ROOT / "benchmarks" / "events_heldout7.csv"
HELDOUT8 = ROOT / "benchmarks" / "events_heldout8.csv"
HELDOUT9 = ROOT / "benchmarks" / "events_heldout9.csv"
HELDOUT10 = ROOT / "benchmarks" / "events_heldout10.csv"
# A second, independent coding of three held-out splits (same sentences, another coder, blind to
# the first coding and to the system), to measure how far two coders agree under the same metric.
SECOND_CODINGS = {
    "heldout2": ROOT / "benchmarks" / "events_heldout2_second.csv",
    "heldout3": ROOT / "benchmarks" / "events_heldout3_second.csv",
    "heldout5": ROOT / "benchmarks" / "events_heldout5_second.csv",
}


def gold_sentences(path: Path = GOLD) -> dict[tuple[str, int, int], list[dict]]:
    out: dict[tuple[str, int, int], list[dict]] = defaultdict(list)
    with open(path) as f:
        for row in csv.DictReader(f):
            key = (row["article_id"], int(row["start_char"]), int(row["end_char"]))
            out.setdefault(key, [])
            if row["plover_type"]:
                out[key].append(row)
    return dict(out)


def system_reports(articles: list[dict]) -> list[dict]:
    """Per report: article_id, trigger_start_char, plover_type, actor_country, recipient_country."""
    from transforms import entities, events, nlp

    frame = pl.DataFrame({
        "article_id": [a["id"] for a in articles],
        "body": [parseable(a["text"]) for a in articles],
        "published_at": [datetime.fromisoformat(a["published"]) if a.get("published") else None for a in articles],
    }, schema={"article_id": pl.String, "body": pl.String, "published_at": pl.Datetime})
    raw_mentions, raw_events = nlp.annotations(frame, n_process=1)
    mentions, found = entities.resolved_mentions(raw_mentions)
    entity_of = dict(zip(mentions["mention_id"], mentions["entity_id"]))
    info = {r["entity_id"]: r for r in found.to_dicts()}
    codebook = events._codebook()

    def countries(mention_ids, hint, sector=None):
        if not mention_ids and hint:
            return [hint]  # a side known only by its role noun ("police", "Kurdish forces")
        if not mention_ids and sector:
            return [""]  # a role of no known country ("militants"), as merged_events keeps it
        out = []
        for mid in mention_ids or []:
            entity = info.get(entity_of.get(mid))
            if entity is None or entity["kind"] == "group":
                continue
            out.append(entity["country"] or (hint if not out and mid == mention_ids[0] else None) or "")
        return out

    reports = []
    for row in raw_events.to_dicts():
        actors = countries(row["actor_mention_ids"], row["actor_country_hint"], row["actor_sector_hint"])
        recipients = countries(row["recipient_mention_ids"], row["recipient_country_hint"])
        if not actors and not recipients:
            continue  # no party at all: merged_events keeps no event for it, so neither does the score
        plover = codebook[row["cameo_code"]]["plover_type"] or None
        if symmetric(plover, row["cameo_code"]) and len(actors) > 1:
            # As merged_events does: the parties in order, the first two are actor1/actor2.
            actors, recipients = actors[:1], actors[1:] + recipients
        reports.append({
            "article_id": row["article_id"],
            "trigger_start_char": row["trigger_start_char"],
            "trigger": row["trigger"],
            "cameo_code": row["cameo_code"],
            "plover_type": codebook[row["cameo_code"]]["plover_type"] or None,
            "actor_country": actors[0] if actors else "",
            "recipient_country": recipients[0] if recipients else "",
            # Every party of each side: "Syrian and Russian jets bombed" reports SYR and RUS.
            "actor_countries": list(dict.fromkeys(actors)) or [""],
            "recipient_countries": list(dict.fromkeys(recipients)) or [""],
            "actor_text": row["actor_text"],
            "recipient_text": row["recipient_text"],
        })
    return reports


def coder_reports(coding: dict[tuple[str, int, int], list[dict]]) -> list[dict]:
    """A coder's events as reports, so one coder can be scored against another exactly as the
    system is. Each event becomes a report at its sentence's start; where the coder accepts
    either of two countries ("SYR|"), the report names the first."""
    reports = []
    for (article_id, start, _), events in coding.items():
        for event in events:
            actor = event["actor_country"].split("|")[0]
            recipient = event["recipient_country"].split("|")[0]
            reports.append({
                "article_id": article_id, "trigger_start_char": start, "trigger": event["plover_type"].lower(),
                "cameo_code": event["cameo_root"] + "0", "plover_type": event["plover_type"],
                "actor_country": actor, "recipient_country": recipient,
                "actor_countries": [actor], "recipient_countries": [recipient],
            })
    return reports


def _accepts(gold_value: str, value: str) -> bool:
    return value in gold_value.split("|") if gold_value else value == ""


def _agreement(report: dict, gold: dict) -> tuple[bool, bool, bool]:
    """(type, actor, recipient) agreement, sides swapped for symmetric types when that is better."""
    same_type = report["plover_type"] == gold["plover_type"]
    straight = (_accepts(gold["actor_country"], report["actor_country"]),
                _accepts(gold["recipient_country"], report["recipient_country"]))
    if gold["plover_type"] in SYMMETRIC_TYPES or report.get("cameo_code") in SYMMETRIC_CODES:
        swapped = (_accepts(gold["actor_country"], report["recipient_country"]),
                   _accepts(gold["recipient_country"], report["actor_country"]))
        if sum(swapped) > sum(straight):
            straight = swapped
    return same_type, straight[0], straight[1]


def _dyad_agreement(report: dict, gold: dict) -> tuple[bool, bool]:
    """(actor, recipient) agreement of the report's best dyad: any of its actors with any of its
    recipients (sides swapped for symmetric types)."""
    best = (False, False)
    dyads = [(a, r) for a in report["actor_countries"] for r in report["recipient_countries"]]
    if symmetric(report["plover_type"], report.get("cameo_code", "")):
        parties = report["actor_countries"] + report["recipient_countries"]
        dyads = [(a, r) for i, a in enumerate(parties) for j, r in enumerate(parties) if i != j]
    for actor, recipient in dyads:
        _, a, r = _agreement({**report, "actor_country": actor, "recipient_country": recipient}, gold)
        if a + r > sum(best):
            best = (a, r)
    return best


def coding_scores(gold: dict, reports: list[dict]) -> dict:
    """Reports are aligned one-to-one with the gold events of their sentence (best agreement
    first); precision counts each report once. A gold event left over may still be recalled by
    an aligned report of its type that names its parties among several ("Syrian and Russian jets
    bombed ...", coded by some coders as two events, one per dyad): recall and triple recall
    count it, precision is unchanged."""
    by_sentence: dict[tuple, list[dict]] = defaultdict(list)
    for report in reports:
        for (article_id, start, end) in gold:
            if report["article_id"] == article_id and start <= report["trigger_start_char"] < end:
                by_sentence[(article_id, start, end)].append(report)
    n_system = n_gold = type_ok = actor_ok = recipient_ok = triple_ok = 0
    recalled = triple_recalled = 0
    confusions = []
    for key, gold_events in gold.items():
        system = by_sentence.get(key, [])
        n_system += len(system)
        n_gold += len(gold_events)
        pairs = [(sum(_agreement(r, g)) + 3 * _agreement(r, g)[0], i, j)
                 for i, r in enumerate(system) for j, g in enumerate(gold_events)]
        used_r, used_g = set(), set()
        for score, i, j in sorted(pairs, reverse=True):
            if i in used_r or j in used_g:
                continue
            used_r.add(i)
            used_g.add(j)
            t, a, r = _agreement(system[i], gold_events[j])
            if t:
                type_ok += 1
                actor_ok += a
                recipient_ok += r
                triple_ok += a and r
                recalled += 1
                triple_recalled += a and r
                if not (a and r):
                    confusions.append((key, system[i]["trigger"], system[i]["plover_type"],
                                       f"countries {system[i]['actor_country']}->{system[i]['recipient_country']} "
                                       f"gold {gold_events[j]['actor_country']}->{gold_events[j]['recipient_country']}"))
            else:
                confusions.append((key, system[i]["trigger"], system[i]["plover_type"], gold_events[j]["plover_type"]))
        for i, r in enumerate(system):
            if i not in used_r:
                confusions.append((key, r["trigger"], r["plover_type"], None))
        for j, g in enumerate(gold_events):
            if j in used_g:
                continue
            dyads = [_dyad_agreement(r, g) for r in system if r["plover_type"] == g["plover_type"]
                     and (len(r["actor_countries"]) > 1 or len(r["recipient_countries"]) > 1)]
            dyads = [(a, r) for a, r in dyads if a]  # the gold event's actor is one of the report's parties
            if dyads:
                recalled += 1
                triple_recalled += any(a and r for a, r in dyads)
            else:
                confusions.append((key, None, None, g["plover_type"]))
    return {
        "sentences": len(gold), "gold_events": n_gold, "system_reports": n_system,
        "type_accuracy": type_ok / n_system if n_system else 0.0,
        "recall": recalled / n_gold if n_gold else 0.0,
        "actor_country_accuracy": actor_ok / type_ok if type_ok else 0.0,
        "recipient_country_accuracy": recipient_ok / type_ok if type_ok else 0.0,
        "triple_precision": triple_ok / n_system if n_system else 0.0,
        "triple_recall": triple_recalled / n_gold if n_gold else 0.0,
        "confusions": confusions,
    }


SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
          "heldout9", "heldout10")
SPLIT_PATHS = {"dev": GOLD, "heldout": HELDOUT, "heldout2": HELDOUT2, "heldout3": HELDOUT3, "heldout4": HELDOUT4,
               "heldout5": HELDOUT5, "heldout6": HELDOUT6, "heldout7": HELDOUT7, "heldout8": HELDOUT8, "heldout9": HELDOUT9,
               "heldout10": HELDOUT10}
# The splits rules may be tuned on (their disagreements are listed with -v); held-out #2, #3 and
# #9 and #10 are only ever scored.
TUNING_SPLITS = ("dev", "heldout", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8")


def run_coding(verbose: bool = False, split_names: tuple[str, ...] = SPLITS) -> dict:
    """Scores per split (and "all" when more than one is asked for); the system codes each article
    once. `verbose` lists each disagreement of the tuning splits with its sentence."""
    splits = {name: gold_sentences(SPLIT_PATHS[name]) for name in split_names}
    if len(splits) > 1:
        splits["all"] = {key: events for gold in splits.values() for key, events in gold.items()}
    articles = articles_by_id({a for gold in splits.values() for a, _, _ in gold})
    text = {a["id"]: parseable(a["text"]) for a in articles}
    started = time.perf_counter()
    reports = system_reports(articles)
    seconds = round(time.perf_counter() - started, 1)
    out = {}
    for name, gold in splits.items():
        scores = coding_scores(gold, reports)
        confusions = scores.pop("confusions")
        out[name] = scores
        print(f"event coding {name}:", _rounded(scores))
        if verbose and name in TUNING_SPLITS:
            for (article_id, start, end), trigger, system_type, gold_type in confusions:
                kind = ("extra" if gold_type is None else "missed" if trigger is None
                        else "countries" if str(gold_type).startswith("countries") else "type")
                sentence = " ".join(text[article_id][start:end].split())
                print(f"  [{name}] {kind}: system {trigger}/{system_type}, gold {gold_type} :: {sentence[:300]}")
    for name in SECOND_CODINGS:
        if name in splits:
            second = gold_sentences(SECOND_CODINGS[name])
            scores = coding_scores(second, reports)
            scores.pop("confusions")
            out[f"{name} (second coder's gold)"] = scores
            print(f"event coding {name} (second coder's gold):", _rounded(scores))
    out.update(run_agreement(tuple(name for name in SECOND_CODINGS if name in splits)))
    print("event coding seconds:", seconds)
    return out


def _rounded(scores: dict) -> str:
    return json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in scores.items()})


def run_agreement(split_names: tuple[str, ...] = tuple(SECOND_CODINGS)) -> dict:
    """The second coder scored against the first exactly as the system is: how far two careful
    coders agree under this metric, the ceiling to read the system's scores against."""
    out = {}
    for name in split_names:
        first, second = gold_sentences(SPLIT_PATHS[name]), gold_sentences(SECOND_CODINGS[name])
        if set(first) != set(second):
            raise ValueError(f"{SECOND_CODINGS[name].name} codes other sentences than {SPLIT_PATHS[name].name}: "
                             "a second coding must cover exactly the first coding's sentences")
        scores = coding_scores(first, coder_reports(second))
        scores.pop("confusions")
        out[f"{name} (second coder vs first)"] = scores
        print(f"coder agreement {name} (second coder scored against the first):", _rounded(scores))
    return out


# ---------------------------------------------------------------- stories


def b_cubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of a clustering (item -> cluster) against gold."""
    pred_members: dict[str, set] = defaultdict(set)
    gold_members: dict[str, set] = defaultdict(set)
    for item, cluster in predicted.items():
        pred_members[cluster].add(item)
    for item, cluster in gold.items():
        gold_members[cluster].add(item)
    items = list(gold)
    precision = recall = 0.0
    for item in items:
        p, g = pred_members[predicted[item]], gold_members[gold[item]]
        overlap = len(p & g)
        precision += overlap / len(p)
        recall += overlap / len(g)
    precision, recall = precision / len(items), recall / len(items)
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def ecb_articles(corpus: Path = CORPUS) -> list[dict]:
    with open(corpus / "dev" / "ecbplus-train-dev" / "articles.jsonl") as f:
        return [json.loads(line) for line in f]


def run_stories() -> dict:
    from transforms import entities, nlp, stories

    rows = ecb_articles()
    frame = pl.DataFrame({
        "article_id": [r["id"] for r in rows],
        "body": [r["text"] for r in rows],
        "published_at": [None] * len(rows),
    }, schema={"article_id": pl.String, "body": pl.String, "published_at": pl.Datetime})
    started = time.perf_counter()
    raw_mentions, raw_events = nlp.annotations(frame, n_process=1)
    mentions, found = entities.resolved_mentions(raw_mentions)
    assigned = stories.story_ids(frame, mentions, found)
    seconds = time.perf_counter() - started
    predicted = dict(zip(assigned["article_id"], assigned["story_id"]))
    gold = {r["id"]: r["subtopic_id"] for r in rows}
    baseline = {r["id"]: str(r["topic"]) for r in rows}
    p, r, f = b_cubed(predicted, gold)
    bp, br, bf = b_cubed(baseline, gold)
    result = {"articles": len(rows), "stories": len(set(predicted.values())), "gold_subtopics": len(set(gold.values())),
              "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
              "baseline_one_story_per_topic_f1": round(bf, 3), "ratio_to_baseline": round(f / bf, 3),
              "seconds": round(seconds, 1)}
    print("stories:", json.dumps(result))
    return result


if __name__ == "__main__":
    part = sys.argv[1] if len(sys.argv) > 1 else "all"
    if part in ("coding", "all"):
        # `--tuning` scores the tuning splits alone, so tuning runs never print held-out #2/#3 numbers.
        # `--split NAME` scores one split alone (a new split's one unseen score).
        chosen = (sys.argv[sys.argv.index("--split") + 1],) if "--split" in sys.argv else None
        run_coding(verbose="-v" in sys.argv,
                   split_names=chosen or (TUNING_SPLITS if "--tuning" in sys.argv else SPLITS))
    if part == "agreement":
        run_agreement(("heldout5",) if "--tuning" in sys.argv else tuple(SECOND_CODINGS))
    if part in ("stories", "all"):
        run_stories()
