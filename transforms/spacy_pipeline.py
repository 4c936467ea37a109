"""The spaCy pipeline: the small English model plus a gazetteer ruler built from seeds/.

The ruler runs before the statistical NER, so names the small model gets wrong (capitals
used as actors, demonyms, international organisations, military ranks read as PERSON) are
fixed by the gazetteer, and every gazetteer match carries its canonical id in `ent_id_`:

    country:KOR      a country name, official name or alias         (GPE)
    country:KOR      a demonym or nationality adjective              (NORP)
    city:BEL:Brussels  a capital or major city                       (GPE)
    org:NATO         an organisation alias                           (ORG)
    region:...       a region name the small model splits wrongly    (LOC)
    title:Admiral    a rank abbreviation ("Adm.", "Lt. Gen.")        (TITLE, never a mention)

Built once per process (functools.cache); only the components the extract stage reads run.
This module imports no polars (seeds are read with `seeds.rows`): multiprocessing's fork
server builds the pipeline (`worker_preload`) before it forks the spaCy workers, and polars'
threads do not survive a fork. `transforms.nlp` reads mentions and events off its Docs.
"""

from __future__ import annotations

import contextlib
import functools
import sys

from transforms import packaged_models, seeds

# Regions that the demonym patterns would otherwise cut in two ("Korean" + "Peninsula").
REGION_PATTERNS = (
    "Korean Peninsula", "Indo-Pacific", "Asia Pacific", "Asia-Pacific", "Middle East", "Gaza Strip",
    "West Bank", "Balkans", "Sahel", "Horn of Africa", "Persian Gulf", "South China Sea",
    "East China Sea", "Black Sea", "Baltic Sea", "Red Sea", "Taiwan Strait", "Korean War",
)
# Aliases that collide with common English words when matched case-sensitively.
AMBIGUOUS_ALIASES = frozenset({"IS", "IT", "AS", "OR", "IN", "ME", "OK", "May", "Man", "Bar", "Of", "To", "Al"})
# When one alias has several readings, the first kind here wins ("Singapore" is the country).
ID_PRIORITY = ("title", "country", "org", "city", "region")


def gazetteer_patterns() -> list[dict]:
    """EntityRuler patterns from the seed tables, longest alias first."""
    patterns: list[dict] = []
    for row in seeds.rows("country_aliases"):
        alias, iso3, kind = row["alias"], row["iso3"], row["kind"]
        if alias in AMBIGUOUS_ALIASES:
            continue
        if kind == "demonym":
            patterns.append({"label": "NORP", "pattern": alias, "id": f"country:{iso3}"})
        elif kind in ("capital", "city"):
            patterns.append({"label": "GPE", "pattern": alias, "id": f"city:{iso3}:{alias}"})
        else:
            patterns.append({"label": "GPE", "pattern": alias, "id": f"country:{iso3}"})
    for row in seeds.rows("organisations"):
        alias, org_id = row["alias"], row["org_id"]
        patterns.append({"label": "ORG", "pattern": alias, "id": f"org:{org_id}"})
        if alias[:1].isupper() and not alias.lower().startswith("the "):
            patterns.append({"label": "ORG", "pattern": f"the {alias}", "id": f"org:{org_id}"})
    for region in REGION_PATTERNS:
        patterns.append({"label": "LOC", "pattern": region, "id": f"region:{region}"})
    for row in seeds.rows("titles"):
        title, normalized = row["title"], row["normalized"]
        # Only abbreviated ranks and honorifics: the small model reads "Lt" or "Adm." as names.
        if title.endswith(".") and title[:1].isupper():
            patterns.append({"label": "TITLE", "pattern": title, "id": f"title:{normalized}"})
    rank = {kind: i for i, kind in enumerate(ID_PRIORITY)}
    ordered = sorted(patterns, key=lambda p: (p["pattern"], rank[p["id"].split(":")[0]], p["id"]))
    unique: dict[str, dict] = {}
    for pattern in ordered:
        unique.setdefault(pattern["pattern"], pattern)
    return [unique[k] for k in sorted(unique, key=lambda k: (-len(k), k))]


# Last words of a name that make a place name before them part of an organisation's name:
# "Singapore Airlines", "Thai Airways International", "United States Air Force", "Seoul National
# University". The gazetteer ruler would otherwise keep only "Singapore".
ORGANISATION_NAME_HEADS = frozenset(
    "airlines airways air international force forces army navy guard bank university college institute "
    "times post news herald tribune journal telegraph broadcasting television radio telecom motors "
    "electronics railways railway lines group corporation company ministry department agency council "
    "committee commission party league club federation association union police hospital museum "
    "exchange fund".split()
)


# Capitalised words that make the country name after them an organisation's name ("Air France").
ORGANISATION_NAME_LEADS = frozenset({"Air", "Radio", "Bank"})


def _organisation_names(doc):
    """Rule (pipeline component `organisation_names`, after `ner`): a gazetteer place or demonym
    followed by capitalised words the model left untagged that end in an organisation word is
    an organisation named after the place ("Singapore" + "Airlines" -> ORG "Singapore
    Airlines", no gazetteer id); so is a country name after "Air" ("Air France")."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    changed = False
    for i, ent in enumerate(ents):
        if ent.label_ not in ("GPE", "NORP") or not ent.ent_id_.startswith(("country:", "city:")):
            continue
        k = ent.end
        limit = ents[i + 1].start if i + 1 < len(ents) else len(doc)
        last_head = None
        while k < limit and k < ent.end + 4 and doc[k].is_title and doc[k].is_alpha and not doc[k].ent_type_:
            if doc[k].lower_ in ORGANISATION_NAME_HEADS:
                last_head = k
            k += 1
        first = ent.start
        previous_end = ents[i - 1].end if i else 0
        if first - 1 >= previous_end and doc[first - 1].text in ORGANISATION_NAME_LEADS and ent.label_ == "GPE":
            first -= 1  # "Air France", "Air China"
        if last_head is not None or first < ent.start:
            ents[i] = Span(doc, first, (last_head + 1) if last_head is not None else ent.end, label="ORG")
            changed = True
    if changed:
        doc.ents = ents
        for ent in ents:
            if ent.label_ == "ORG" and not ent.id_:
                for token in ent:
                    token.ent_id_ = ""  # the place's id no longer applies inside the name
    return doc


def _gazetteer_ruler(nlp, name: str, phrase_matcher_attr: str, overwrite_ents: bool):
    """spaCy's EntityRuler, minus two costs of keeping its patterns listable:
    - it keeps each phrase pattern's Doc after the matcher has it, only to list or save the
      patterns, which dateline never does: 11,000 Docs, ~40 MB in every worker. They are
      dropped, so `patterns`, `labels`, `ent_ids` and `in` see none of the gazetteer, and
      saving the ruler is refused (it would save an empty one);
    - its check on every document that it has patterns recounted all of them (about 1.3 ms a
      document, a tenth of the cost of parsing a headline): `len` here asks the matchers."""
    from spacy.pipeline import EntityRuler

    class GazetteerRuler(EntityRuler):
        def add_patterns(self, patterns) -> None:
            super().add_patterns(patterns)
            self.phrase_patterns.clear()
            _release_freed_memory()

        def __len__(self) -> int:
            return len(self.matcher) + len(self.phrase_matcher)

        def to_bytes(self, *args, **kwargs):
            raise NotImplementedError("the gazetteer ruler keeps no pattern Docs to save; build it with nlp.pipeline()")

        to_disk = to_bytes

    return GazetteerRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, overwrite_ents=overwrite_ents)


def _release_freed_memory() -> None:
    """Give the memory this process has freed back to the system: glibc keeps it for reuse,
    and freed in many small pieces (spaCy Docs) it would count against the process for good.
    Linux only (glibc's malloc_trim); elsewhere, or without glibc, nothing is done."""
    import ctypes

    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).malloc_trim(0)


@functools.cache
def pipeline():
    """The spaCy pipeline used by the extract stage (cached per process)."""
    from spacy.language import Language

    if "organisation_names" not in Language.factories:
        Language.component("organisation_names", func=_organisation_names)
    if "lemma_fixes" not in Language.factories:
        Language.component("lemma_fixes", func=_lemma_fixes)
    if "gazetteer_ruler" not in Language.factories:
        Language.factory("gazetteer_ruler", assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
                         default_config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False})(_gazetteer_ruler)
    nlp = packaged_models.spacy_model()
    packaged_models.spacy_model.cache_clear()  # changed below: no longer the model as shipped
    ruler = nlp.add_pipe("gazetteer_ruler", before="ner")
    # The ruler turns each pattern into a Doc with the components before it (tagger, parser,
    # ...): 11,000 names parsed for nothing, 8 s of every worker's start. ORTH patterns need
    # only the tokenizer.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer_patterns())
    nlp.add_pipe("organisation_names", after="ner")
    nlp.add_pipe("lemma_fixes", after="lemmatizer")
    return nlp


# Forms the rule lemmatizer gets wrong: verbs it cuts to a shorter verb it also knows ("staged"
# -> "stag", "fined" -> "fin"), so the event lexicon's "stage a protest", "wage war", "fine a
# company" never matched, and irregular past forms it leaves as they are ("retook"). Applied
# whatever the tag: each form has one lemma. tests/test_nlp.py checks the regular -ed, -ing and
# -s forms of every lexicon verb.
LEMMA_FIXES = {
    form: lemma
    for lemma, forms in {
        "stage": "staged staging stages", "wage": "waged waging wages", "fine": "fined fining fines",
        "rape": "raped raping rapes", "snipe": "sniped sniping snipes", "cane": "caned caning canes",
        "lambaste": "lambasted lambasting lambastes", "relaunch": "relaunched relaunching",
        "rearrest": "rearrested rearresting", "cordon": "cordoned cordoning",
        "retake": "retook retaken", "overrun": "overran", "withdraw": "withdrew withdrawn",
        "forswear": "foresworn", "rebuild": "rebuilt", "outlaw": "outlawed",
    }.items()
    for form in forms.split()
}


def _lemma_fixes(doc):
    for token in doc:
        lemma = LEMMA_FIXES.get(token.lower_)
        if lemma is not None:
            token.lemma_ = lemma
    return doc
