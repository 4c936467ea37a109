"""Entity mentions in one parsed article: spans, titles and ranks, and the role of place names.

Row-by-row work over a spaCy Doc, isolated here. What comes back is one `Mention` per entity
mention with the evidence that entity resolution (`transforms.entities`) needs: the gazetteer
id if the gazetteer matched, the title and rank attached to a person, and the country, sector
and organisation those titles imply.

Rules, in the order they apply:
1. Mentions are the Doc's PERSON, ORG, GPE, LOC, NORP and FAC entities (TITLE spans from the
   gazetteer ruler are ranks, never mentions).
2. A PERSON span loses leading office words ("Chairman Kim Myung Soo" -> "Kim Myung Soo") and
   gains trailing name pieces the small model cut off ("Yoon Suk" + "Yeol").
3. Title and rank: the office words, ranks and organisation names right before the name
   ("JCS Chairman Adm. Kim Myung-soo" -> title "JCS Chairman", rank "Adm."), else an
   appositive right after it ("Kim Myung Soo, Chairman of South Korea's Joint Chiefs of Staff").
4. Place or actor: a GPE/LOC after a locative preposition ("in Seoul") or in the dateline is a
   place; as subject, object, possessor or after "between/with/against" it is an actor, and a
   capital then stands for its country ("Pyongyang and Moscow" -> PRK, RUS).
5. A bare surname ("Kim", "Bauer") that matches exactly one full name earlier in the article is
   a mention of that person, whether or not the model tagged it.
2a. A span the model tagged ORG/GPE/NORP made of a title and a name is a person
   ("Spokeswoman Sandy Angers").
2b. So is one that is a seeded office holder's name ("Recep Tayyip Erdoğan", compared as entity
   resolution compares names, accents folded), or a name set beside a title ("The Turkish
   president, Recep Tayyip Erdoğan"; "Recep Tayyip Erdoğan, Turkey's president,").
6. Spans are trimmed: never across a line break, without a leading "the", numbers or
   possessive endings ("the Pentagon" -> "Pentagon", "Durham 114" -> "Durham").
7. An organisation's acronym stands for the one full name in the article it spells
   ("GAO" -> "Government Accountability Office"); a name without its place qualifier stands
   for the qualified one ("Air Force" -> "United States Air Force").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from transforms import seeds

MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# Prepositions after which a place name is where something happens, not who acts.
LOCATIVE_PREPS = frozenset(
    "in at near from into inside outside around across within to toward towards throughout via over off "
    "onto along beyond across".split()
)
# Office words that may precede or follow a name as part of a title (lower case).
OFFICE_WORDS = frozenset(
    "vice deputy acting former foreign defense defence interior finance prime chief chairman chairwoman chair "
    "minister secretary president commander director ambassador spokesman spokeswoman spokesperson senator "
    "governor mayor king queen prince premier chancellor envoy leader head general admiral representative "
    "lawmaker speaker justice judge attorney officer official rep. sen. gov. supreme national joint staff "
    "military executive assistant undersecretary under-secretary commissioner lieutenant colonel major captain "
    "sergeant marshal emir sheikh ayatollah pope cardinal archbishop bishop rabbi imam".split()
)
# Words that may stand before an appositive title: "the former Italian Chief of Defense".
APPOSITIVE_LEAD = frozenset({"the", "a", "an", "former", "new", "then", "current", "outgoing", "incoming", "its",
                             "his", "her", "their"})


@dataclass
class Mention:
    """One entity mention in one article (token and character offsets into the body)."""

    start: int  # token index of the first token
    end: int  # token index after the last token
    start_char: int
    end_char: int
    text: str
    label: str
    sentence_index: int
    gazetteer_id: str | None = None  # country:KOR, city:BEL:Brussels, org:NATO, region:...
    title: str | None = None
    rank: str | None = None
    role: str | None = None  # actor | place | modifier (places and demonyms only)
    country_hint: str | None = None  # ISO3 or IGO implied by the title, rank or gazetteer
    sector_hint: str | None = None
    org_hint: str | None = None  # org_id of the organisation named in the title
    alias_of: int | None = None  # index (in the article's mention list) of the full name
    extra: dict = field(default_factory=dict)


@functools.cache
def _title_table() -> dict[str, tuple[str, str | None, str]]:
    """lower-cased title -> (normalized, sector, kind)."""
    frame = seeds.titles()
    return {
        t.lower(): (n, s or None, k)
        for t, n, s, k in frame.select("title", "normalized", "sector", "kind").iter_rows()
    }


@functools.cache
def _org_table() -> dict[str, tuple[str, str | None]]:
    """org_id -> (country, sector)."""
    frame = seeds.organisations().unique("org_id", keep="first", maintain_order=True)
    return {o: (c or None, s or None) for o, c, s in frame.select("org_id", "country", "sector").iter_rows()}


def _is_title_token(token, lower_case: bool = False) -> bool:
    """A rank, or an office word written as part of a title ("Chairman"; with `lower_case`,
    also "leader" in "North Korean leader Kim Jong Un")."""
    if token.ent_type_ == "TITLE":
        return True
    lower = token.text.lower()
    return (token.is_title or token.is_upper or (lower_case and token.is_lower)) and (
        lower in OFFICE_WORDS or lower in _title_table())


def _left_title_tokens(doc, start: int) -> list:
    """Tokens of the title directly before a name: office words, ranks, ORG/GPE/NORP names."""
    tokens = []
    j = start - 1
    sent_start = doc[start].sent.start
    while j >= sent_start:
        token = doc[j]
        if _is_title_token(token, lower_case=True) or (token.ent_type_ in ("ORG", "GPE", "NORP") and token.text not in ",;:-"):
            tokens.append(token)
            j -= 1
            continue
        break
    tokens.reverse()
    # A title cannot start with a bare place or organisation and nothing else ("Seoul Kim"),
    # nor be lower-case words alone ("the minister Kim" keeps no title).
    if tokens and not any(_is_title_token(t) or t.ent_type_ in ("ORG", "GPE", "NORP") for t in tokens):
        return []
    if tokens and not any(_is_title_token(t, lower_case=True) for t in tokens):
        return []
    while tokens and tokens[0].is_lower and not _is_title_token(tokens[0]) and tokens[0].ent_type_ == "":
        tokens = tokens[1:]
    return tokens


def _appositive_title_tokens(doc, end: int) -> list:
    """Tokens of an appositive title right after a name: ", chair of NATO's military committee,"."""
    if end >= len(doc) or doc[end].text != ",":
        return []
    sent_end = doc[end - 1].sent.end
    k = end + 1
    while k < sent_end and doc[k].text.lower() in APPOSITIVE_LEAD:
        k += 1
    while k < sent_end and doc[k].ent_type_ in ("NORP", "GPE") and doc[k].text.lower() not in OFFICE_WORDS:
        k += 1
    if k >= sent_end or not (doc[k].text.lower() in OFFICE_WORDS or doc[k].text.lower() in _title_table()):
        return []
    tokens = []
    for token in doc[end + 1 : sent_end]:
        if token.text in (",", ";", "(", ")", "—", "–") or token.pos_ in ("VERB", "AUX"):
            break
        tokens.append(token)
        if len(tokens) > 16:
            return []
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tokens


def _apposed_title_tokens(doc, start: int, end: int) -> list:
    """Tokens naming who a person is from the phrase the name is set beside: "the Turkish
    foreign minister, Mevlut Cavusoglu", "his Russian counterpart, Sergei Lavrov" (the noun the
    name is in apposition to, with its modifiers), "Iran's Javad Zarif" (a possessive)."""
    root = doc[start:end].root
    tokens = [c for c in root.children if c.dep_ == "poss" and c.i < start]
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < start:
        tokens += [c for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < head.i] + [head]
    return tokens


def _span_text(doc, tokens) -> str:
    """The text from the first token to the last (a Span's text: `doc.text` would join the
    whole document's tokens on every call)."""
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _hints(tokens) -> tuple[str | None, str | None, str | None]:
    """(country, sector, org_id) implied by the tokens of a title."""
    country = sector = org = None
    titles = _title_table()
    orgs = _org_table()
    for token in tokens:
        ent_id = token.ent_id_ or ""
        if ent_id.startswith("org:") and org is None:
            org = ent_id[4:]
            org_country, org_sector = orgs.get(org, (None, None))
            country = country or org_country
            sector = sector or org_sector
        elif ent_id.startswith(("country:", "city:")) and country is None:
            country = ent_id.split(":")[1]
    if sector is None:
        # Longest title phrase first: "Defense Secretary" is GOV though "Secretary" alone is not listed.
        words = [t.text.lower() for t in tokens]
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                entry = titles.get(" ".join(words[i : i + n]))
                if n == 1 and tokens[i].ent_type_ == "TITLE" and tokens[i].ent_id_:
                    entry = titles.get(tokens[i].ent_id_[6:].lower()) or entry
                if entry and entry[1]:
                    sector = entry[1]
                    break
            if sector is not None:
                break
    if sector is None:
        # Ranks spelled out over several tokens ("Lt. Gen.") are TITLE spans with one id.
        for token in tokens:
            if token.ent_type_ == "TITLE":
                entry = _title_by_normalized().get(token.ent_id_[6:])
                if entry:
                    sector = entry
                    break
    return country, sector, org


@functools.cache
def _title_by_normalized() -> dict[str, str]:
    frame = seeds.titles()
    return {n: s for n, s in frame.select("normalized", "sector").iter_rows() if s}


def _person_span(doc, ent) -> tuple[int, int]:
    """Token range of the name itself: leading office words dropped, cut-off pieces restored."""
    start, end = ent.start, ent.end
    while start < end - 1 and _is_title_token(doc[start]):
        start += 1
    while end + 1 < len(doc) and doc[end].text in ("-", "‑") and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha and len(doc[end + 1]) <= 4 \
            and doc[end + 1].is_lower:
        end += 2  # a hyphenated given name the model cut: "Moon Jae" + "-in"
    while end < len(doc) and end < doc[start].sent.end:
        token = doc[end]
        if token.ent_type_ or not token.is_title or token.pos_ != "PROPN":
            break
        # Only pieces of the same flat name: attached to the name or heading it.
        if not (token.head.i in range(start, end) or doc[end - 1].head.i == token.i):
            break
        end += 1
    return start, end


def _trimmed(doc, start: int, end: int) -> tuple[int | None, int]:
    """Rule 6: the span without what the model sometimes swallows: a line break and what follows
    it (a name never runs across lines: "Texas\nHouston"), a leading determiner ("the Pentagon"
    -> "Pentagon"; the gazetteer id is kept), scores and numbers at either end ("Durham 114"),
    and possessive endings. (None, None) when nothing is left."""
    for i in range(start, end):
        if "\n" in doc[i].text:
            if i > start:
                end = i
                break
            start += 1
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].like_num or doc[start].is_space
                           or (doc[start].is_punct and doc[start].text not in "(")):
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].like_num
                           or doc[end - 1].is_space or doc[end - 1].text in (",", ";", ":", "-", "—", "–", "(")):
        end -= 1
    if end <= start or not any(ch.isalpha() for ch in doc[start:end].text):
        return None, None
    return start, end


# Last words that make a capitalised phrase an organisation, not a person ("Defense Ministry").
ORGANISATION_HEADS = frozenset(
    "ministry department agency office council committee commission party army navy force forces command corps "
    "company bank group union court assembly parliament congress senate house service services institute "
    "university association federation league club team board authority administration government guard "
    "police fund foundation bureau center centre coalition alliance front movement organisation organization "
    "airlines airways inc. inc corp. corp co. ltd. ltd plc".split()
)


def _is_titled_name(doc, ent) -> bool:
    """Rule 2a: a span the model tagged ORG/GPE/NORP that is a title followed by a name
    ("Spokeswoman Sandy Angers", "President Trump") is a person."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or ent.ent_id_:
        return False
    k = ent.start
    while k < ent.end and _is_title_token(doc[k]):
        k += 1
    name = doc[k : ent.end]
    return (k > ent.start and 1 <= len(name) <= 3
            and all(t.is_title and t.is_alpha and t.pos_ == "PROPN" and not t.ent_id_ for t in name)
            and not any(t.lower_ in OFFICE_WORDS or t.lower_ in ORGANISATION_HEADS for t in name))


def _is_named_person(doc, ent) -> bool:
    """Rule 2b: a span of two words or more that the model tagged ORG/GPE/NORP, matched to nothing by
    the gazetteer, that is a seeded office holder's name or a name (up to four capitalised words)
    set beside a title."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or ent.ent_id_:
        return False
    if len(ent) < 2 or any(t.lower_ in OFFICE_WORDS or t.lower_ in ORGANISATION_HEADS for t in ent):
        return False  # a one-word name is as often a place ("Irvine" is also an office holder's name)
    from transforms.entities import person_key

    if person_key(ent.text) in _office_holder_keys():
        return True
    if not (len(ent) <= 4 and all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in ent)):
        return False
    head = ent.root.head
    beside_title = ent.root.dep_ == "appos" and head.i < ent.start and (
        head.lower_ in OFFICE_WORDS or head.lower_ in _title_table())
    return beside_title or bool(_appositive_title_tokens(doc, ent.end))


@functools.cache
def _office_holder_keys() -> frozenset[str]:
    from transforms.entities import person_key

    return frozenset(person_key(name) for name in seeds.office_holders()["name"])


def _place_role(doc, start: int, end: int) -> str:
    """place | actor | modifier for a GPE/LOC/FAC/NORP mention."""
    head = doc[start:end].root
    if start == 0 and end < len(doc) and doc[end].text in (",", "-", "—", "–", "("):
        return "place"  # the dateline
    if head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ in ("NOUN", "PROPN") and head.head.i >= end:
        return "modifier"
    # Climb conjunctions: "between Pyongyang and Moscow" -> the preposition of the first conjunct.
    node = head
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    if node.dep_ == "pobj" and node.head.text.lower() in LOCATIVE_PREPS:
        return "place"
    return "actor"


def doc_mentions(doc) -> list[Mention]:
    """One Mention per entity mention in `doc`, in text order (see the module rules)."""
    sentence_of = {}
    for index, sent in enumerate(doc.sents):
        for token in sent:
            sentence_of[token.i] = index
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in MENTION_LABELS:
            continue
        start, end = ent.start, ent.end
        label = "PERSON" if _is_titled_name(doc, ent) or _is_named_person(doc, ent) else ent.label_
        mention = Mention(start, end, 0, 0, "", label, sentence_of[ent.start], gazetteer_id=ent.ent_id_ or None)
        if label == "PERSON":
            start, end = _person_span(doc, ent)
            left = _left_title_tokens(doc, start)
            leading = list(doc[ent.start : start])
            title_tokens = left + leading
            rank_tokens = [t for t in title_tokens if t.ent_type_ == "TITLE"]
            office_tokens = [t for t in title_tokens if t.ent_type_ != "TITLE"]
            appositive = _appositive_title_tokens(doc, end)
            if office_tokens:
                mention.title = _span_text(doc, office_tokens)
            elif appositive:
                mention.title = _span_text(doc, appositive)
            if rank_tokens:
                mention.rank = _span_text(doc, rank_tokens)
            country, sector, org = _hints(title_tokens + appositive)
            if country is None and sector is None and org is None:
                country, sector, org = _hints(_apposed_title_tokens(doc, start, end))
            mention.country_hint, mention.sector_hint, mention.org_hint = country, sector, org
        elif label in ("GPE", "LOC", "FAC", "NORP"):
            mention.role = "modifier" if label == "NORP" else _place_role(doc, start, end)
            gid = mention.gazetteer_id or ""
            if gid.startswith(("country:", "city:")):
                mention.country_hint = gid.split(":")[1]
        elif label == "ORG":
            gid = mention.gazetteer_id or ""
            if gid.startswith("org:"):
                mention.org_hint = gid[4:]
                mention.country_hint, mention.sector_hint = _org_table().get(gid[4:], (None, None))
        start, end = _trimmed(doc, start, end)
        if start is None:
            continue
        span = doc[start:end]
        mention.start, mention.end = start, end
        mention.start_char, mention.end_char, mention.text = span.start_char, span.end_char, span.text
        mentions.append(mention)
    return _with_organisation_aliases(_with_surname_aliases(doc, mentions, sentence_of))


def family_name(name: str) -> str:
    """The family name of a full name: the first token of an East Asian name, else the last."""
    from transforms.entities import is_east_asian_name

    parts = name.replace("-", " ").split()
    if not parts:
        return ""
    return parts[0] if is_east_asian_name(name) else parts[-1]


def _with_surname_aliases(doc, mentions: list[Mention], sentence_of: dict) -> list[Mention]:
    """Rule 5: bare surnames resolved to the unique full name with that family name."""
    full_names: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.label == "PERSON" and len(m.text.replace("-", " ").split()) >= 2:
            full_names.setdefault(family_name(m.text).lower(), []).append(m)

    def owner(surname: str, position: int) -> Mention | None:
        candidates = [m for m in full_names.get(surname.lower(), ()) if m.start < position]
        if len({_plain(m.text) for m in candidates}) != 1:
            return None  # unknown, or two different people share the surname: leave it unresolved
        return candidates[0]

    covered = {i for m in mentions for i in range(m.start, m.end)}
    targets: dict[int, Mention] = {}
    out = list(mentions)
    for m in mentions:
        if m.label in ("PERSON", "ORG", "GPE", "NORP") and m.end - m.start == 1 and m.gazetteer_id is None:
            target = owner(m.text, m.start)
            if target is not None:
                m.label, m.role, m.country_hint = "PERSON", None, None
                targets[id(m)] = target
    for token in doc:
        if token.i in covered or token.pos_ != "PROPN" or not token.is_title:
            continue
        target = owner(token.text, token.i)
        if target is not None:
            alias = Mention(token.i, token.i + 1, token.idx, token.idx + len(token.text), token.text, "PERSON",
                            sentence_of[token.i])
            targets[id(alias)] = target
            out.append(alias)
    out.sort(key=lambda m: m.start)
    index_of = {id(m): i for i, m in enumerate(out)}
    for m in out:
        if id(m) in targets:
            m.alias_of = index_of[id(targets[id(m)])]
    return out


def initials(name: str) -> str:
    """"Government Accountability Office" -> "GAO"; "Joint Chiefs of Staff" -> "JCS"."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words)


@functools.cache
def _place_names() -> dict[str, str]:
    """Country, city and demonym aliases -> ISO3."""
    frame = seeds.country_aliases()
    return dict(zip(frame["alias"].to_list(), frame["iso3"].to_list()))


def _with_organisation_aliases(mentions: list[Mention]) -> list[Mention]:
    """Rule 7: within an article, an acronym stands for the one organisation name whose
    initials it spells ("GAO" -> "Government Accountability Office", "USAF" -> "United States
    Air Force"), and a name stands for the one earlier name that is it with a place in front
    ("Air Force" -> "United States Air Force", "Defense Ministry" -> "South Korean Defense
    Ministry"). Gazetteer matches keep their own id. First words are not enough: "Apple" is
    not short for "Apple Worldwide Developers Conference", nor "Boeing" for "Boeing Commercial
    Airplanes"."""
    full = [(i, m) for i, m in enumerate(mentions) if m.label == "ORG" and len(m.text.split()) >= 2
            and m.alias_of is None]

    def target(m: Mention) -> int | None:
        text = m.text
        fits = set()
        for i, f in full:
            words = f.text.split()
            if text.isupper() and len(text) >= 2 and len(words) >= 2 and initials(f.text) == text:
                fits.add((i, _plain(f.text)))
            elif (len(text.split()) >= 2 and f.text.endswith(" " + text) and f.start < m.start
                  and _place_names().get(f.text[: -len(text) - 1].removeprefix("the ").strip())):
                fits.add((i, _plain(f.text)))  # the place qualifier dropped: "Air Force"
        names = {name for _, name in fits}
        return min(i for i, _ in fits) if len(names) == 1 else None

    for m in mentions:
        if m.gazetteer_id is not None or m.alias_of is not None or m.label not in ("ORG", "GPE", "PERSON", "NORP"):
            continue
        if m.label == "PERSON" and len(m.text.split()) > 1:
            continue
        index = target(m)
        if index is not None:
            m.alias_of, m.label, m.role, m.country_hint = index, "ORG", None, None
    return mentions


def _plain(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())
