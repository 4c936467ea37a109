"""Regenerate the gazetteer seed CSVs from the reference dictionaries in shared/.

Writes five tables into seeds/ (or --out), each UTF-8, comma-separated, with a header row,
sorted by its key and free of duplicate keys:

    countries.csv        one row per country or territory        key: iso3
    country_aliases.csv  one row per alias of a country          key: alias
    organisations.csv    one row per alias of an organisation    key: alias
    titles.csv           one row per title, rank or role phrase  key: title
    office_holders.csv   one row per (person, office, period)    key: name, iso3, title, start_date

The pipeline reads only these CSVs at run time, so they are committed; this script exists so
that anyone can see, and reproduce byte for byte, how they were made. Standard library only.

    python3 seeds/build_gazetteer.py [--dictionaries PATH] [--out DIR]

Sources (all under --dictionaries, default ../shared/corpus/dictionaries from the repo root;
provenance and licences in seeds/LICENSES.md, section "Gazetteer tables"):
  countries/countries.tsv                  mledoze/countries (ODbL 1.0): ISO codes, English
                                           names, capitals, demonyms, region, centroid.
  countries/countryinfo_countries.tsv      openeventdata CountryInfo: name variants,
                                           capitals, major cities (UPPERCASE).
  countries/countryinfo_leaders_officials.tsv  CountryInfo heads of state/government
                                           (~1960-2009) and cabinets (2003-2011).
  petrarch-phoenix/actors.tsv              PETRARCH2 Phoenix actor dictionaries (MIT,
                                           (c) Open Event Data Alliance), ~2014.
  petrarch-phoenix/agents.tsv              Phoenix agent phrases (MINISTER -> ~GOV, ...).
  cameo/cameo_actor_role_codes.tsv,
  plover/plover_sector_codes.tsv           the sector codes a row may carry.
Plus the CURATED_* lists below ("curated by dateline"), each entry with a comment saying why.

Why the alias tables are strict: they feed a spaCy entity ruler, so one bad alias creates a
false entity in every article that contains it. Rules, applied in this order:
  1. Shape. Dropped: catalogue forms with commas, brackets, slashes or colons ("Korea,
     Republic of"); non-Latin scripts (native names are not how English news writes them);
     mojibake; pure numbers; one-letter aliases; two-letter aliases other than US and UK.
  2. Common words. STOP_ALIASES lists aliases that are ordinary English words or common
     personal names ("Hippo", "Constantine", "Victoria", "Charlotte", "Red Line", ...);
     they are dropped for every kind except a country's own name: "Chad", "Jordan",
     "Georgia" (also a US state) and "Turkey" stay, because a country name must resolve.
  3. Ambiguity (country aliases). An alias claimed by two or more countries is kept for
     one of them only if that country holds it as its own name, official name, capital or
     demonym (in that order of strength) and no other claimant holds it as strongly; a tie
     between equally strong claimants goes to the only UN member among them, if exactly
     one is ("Kingston": Jamaica, not Norfolk Island; "American": the US, not its Minor
     Outlying Islands); otherwise the alias is dropped ("Congolese", "Dominican", "Virgin
     Islander"). So a city or an alternative name never takes an alias from another
     country's name, capital or demonym, and two cities never share one.
  4. Organisations. Phoenix International (IGOs, NGOs, media; companies left out) and
     MilNonState (armed groups) entries are taken whole, minus the people Phoenix files as
     organisations (PHOENIX_PERSON_ENTRIES, read off the dictionaries by hand), dated
     entries, and synonyms that name a leader rather than the group (kept: synonyms with an
     organisation word, acronyms, spelling variants of the entry). From Phoenix.Countries
     only the institutions on PHOENIX_COUNTRY_ORGS (Kremlin, White House, Mossad, PLA...).
     An alias claimed by two organisations goes to the claimant from the stronger source
     (curated > Phoenix country institutions > IGOs > armed groups > media > NGOs), then to
     the one whose primary name it is; otherwise it is dropped.
  5. Curated rows win over derived rows for the same alias (or title).
Deliberate calls on Korean names (this project's sample corpus is Korea-heavy):
  "Korea" -> KOR: in English-language news an unqualified "Korea" means South Korea
  ("Bank of Korea", "Korea's exports"); the north is written "North Korea"/"DPRK".
  "Korean" is dropped: it is as often the language, the ethnicity or the peninsula
  ("Korean Peninsula", "Korean War") as either state.
  "JCS" / "Joint Chiefs of Staff" -> KOR_JCS: context dependent (the US has one too), but in
  the sample corpus it is South Korea's; the pipeline should let context override.
Kinds in country_aliases: name, official_name, alt_name, demonym, capital, city. "city" is any
place inside the country taken from CountryInfo's major cities or from Phoenix's extra
place names (these are mostly cities, sometimes districts or provinces such as Helmand).
CountryInfo's "regions" and "geographic features" columns are not used: they are states and
provinces whose names collide too often ("Washington", "Georgia", "Victoria", "Jersey").

office_holders: CountryInfo open periods (open_marker ">") end empty. The file dates from
2012-01-16, so an empty end_date on a CountryInfo row means "still in office in January 2012",
not "in office now"; the curated rows cover current office holders that matter for news.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import difflib
import io
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DICTIONARIES = REPO_ROOT.parent / "shared" / "corpus" / "dictionaries"
DEFAULT_OUT = REPO_ROOT / "seeds"

SOURCE_FILES = (
    "countries/countries.tsv",
    "countries/countryinfo_countries.tsv",
    "countries/countryinfo_leaders_officials.tsv",
    "petrarch-phoenix/actors.tsv",
    "petrarch-phoenix/agents.tsv",
    "cameo/cameo_actor_role_codes.tsv",
    "plover/plover_sector_codes.tsv",
)

HEADERS = {
    "countries": ["iso3", "iso2", "name", "capital", "lat", "lng", "capital_lat",
                  "capital_lng", "region", "subregion"],
    "country_aliases": ["alias", "iso3", "kind"],
    "organisations": ["alias", "org_id", "name", "country", "sector", "kind"],
    "titles": ["title", "normalized", "sector", "kind"],
    "office_holders": ["name", "iso3", "sector", "title", "start_date", "end_date", "origin"],
}

# ---------------------------------------------------------------------------------------------
# Codes
# ---------------------------------------------------------------------------------------------

# Kosovo has no ISO 3166 code. mledoze uses "UNK", which reads as "unknown" everywhere else in
# event data; XKX is the code the EU, IMF and World Bank use, so we use it for every source.
ISO3_OVERRIDES = {"UNK": "XKX", "KSV": "XKX", "TMP": "TLS"}

# Phoenix/CountryInfo codes for dependent territories: "<sovereign><territory>" -> the
# territory's own ISO3 code, which mledoze lists as a row of its own.
TERRITORY_CODES = {"GBRIMY": "IMN", "CHNTIB": "CHN", "NLDANT": "NLD", "FRNWLF": "WLF",
                   "BIHBHF": "BIH", "BIHSPR": "BIH", "SRPGOV": "BIH"}

# CAMEO religion codes: PLOVER folds them all into one REL sector.
RELIGION_CODES = {"MUS", "MOS", "SUN", "SHI", "CHR", "CTH", "PRO", "ORT", "JEW", "HIN", "BUD",
                  "SIK", "JAN", "ALE", "DRZ", "CON", "TAO", "ZRO", "BAH", "ITH"}

# CAMEO's tertiary codes (moderate/radical) qualify an actor, they are not a sector.
NOT_SECTORS = {"MOD", "RAD"}


def sector_codes(dictionaries: Path) -> set[str]:
    """The sector codes a row may carry: CAMEO roles and PLOVER sectors (REL included)."""
    cameo = {r["code"] for r in read_tsv(dictionaries / "cameo/cameo_actor_role_codes.tsv")}
    plover = {r["code"] for r in read_tsv(dictionaries / "plover/plover_sector_codes.tsv")}
    return (cameo | plover | {"REL"}) - NOT_SECTORS


def first_sector(code: str, sectors: set[str]) -> str:
    """First 3-letter block of a CAMEO actor code that is a sector ("IGOUNOJUDICJ" -> JUD)."""
    for i in range(0, len(code) - 2, 3):
        block = code[i:i + 3]
        if block in RELIGION_CODES:
            return "REL"
        if block in sectors:
            return block
    return ""


# ---------------------------------------------------------------------------------------------
# Reading and text helpers
# ---------------------------------------------------------------------------------------------

def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a dictionaries TSV (tab-separated, header row, no quoting)."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def split_multi(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def alias_key(text: str) -> str:
    """Uniqueness key of an alias: case-insensitive, whitespace squashed, accents kept
    ("Türkiye" and "Turkiye" are both useful to an entity ruler)."""
    return squash(text).casefold()


def fold(text: str) -> str:
    """Matching key for names across sources: case- and accent-insensitive."""
    decomposed = unicodedata.normalize("NFKD", squash(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin(text: str) -> bool:
    # Basic Latin, Latin-1 and Latin Extended-A/B only: this also rejects the IPA transcriptions
    # (U+0250 and up) that mledoze mixes into alt_spellings.
    return all(ord(c) < 0x250 for c in text if c.isalpha())


def is_clean_shape(alias: str) -> bool:
    """Rule 1 of the module docstring: the alias has a shape English news could contain."""
    if len(alias) < 2 or alias.replace(" ", "").isdigit() or not alias[0].isalnum():
        return False
    if any(c in alias for c in ",()[]{}/:;?!+\"\\|\ufffd") or "ï¿½" in alias or "Ã" in alias:
        return False
    if any(unicodedata.category(c).startswith("C") for c in alias):
        return False
    if not is_latin(alias):
        return False
    if len(alias) == 2 and alias not in TWO_LETTER_ALIASES:
        return False
    return True


TWO_LETTER_ALIASES = {"US", "UK"}

# Words kept lower case inside a name unless they start it.
SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "by", "with", "a", "an",
               "de", "du", "des", "la", "le", "les", "del", "della", "di", "da", "dos", "das",
               "do", "y", "e", "et", "au", "aux", "van", "von", "der", "den", "al", "el", "bin",
               "ibn", "bint", "ul", "ud", "ad", "ash", "as", "ar", "wal", "sans", "pour", "per"}

# Vowel-less abbreviations that are written in title case: "ST. LUCIA" -> "St. Lucia".
ABBREVIATIONS = {"ST", "MT", "FT", "DR", "MR", "MRS", "JR", "SR", "PT", "GT", "LT", "SGT",
                 "CPL", "PVT", "CMDR", "BRIG", "GEN", "COL", "CAPT", "MAJ"}

# Tokens that stay upper case when an UPPERCASE source phrase is put into natural case.
ACRONYMS = {
    "US", "UK", "UN", "EU", "USA", "UAE", "ROK", "DPRK", "DRC", "PRC", "ROC", "KSA", "USSR",
    "FYROM", "RDTL", "DROC", "BVI", "USVI", "PLA", "NATO", "IDF", "ISIS", "ISIL",
    "CIA", "NSA", "FBI", "FSB", "DOD", "DOJ", "EPA", "USAID", "NASA", "OMB", "KRG", "ICC",
    "ICJ", "IMF", "WFP", "OAS", "OAU", "OIC", "OPEC", "OAPEC", "OSCE", "OECD", "IAEA",
    "UNICEF", "UNESCO", "UNIFEM", "UNHCR", "OHCHR", "UNDP", "UNSC", "UNESCAP", "UNMIN",
    "MONUC", "DPKO", "ASEAN", "SAARC", "SADC", "ECOWAS", "CEMAC", "BEAC", "IGAD", "IPCC",
    "IPU", "OPCW", "OFID", "SEATO", "SLMM", "SAFTA", "BIMSTEC", "AFP", "BBC", "CNN", "KCNA",
    "CENTCOM", "AFRICOM", "EUCOM", "NORTHCOM", "SOUTHCOM", "STRATCOM", "TRANSCOM", "SOCOM",
    "PACOM", "DARPA", "SECDEF", "FEMA", "USDA", "ODNI", "OFDA", "GCHQ", "DGSE", "DCRI",
    "CPPCC", "ANSF", "NSC", "MP", "MPS", "PM", "CEO", "VIP", "TV", "NGO", "NGOS", "YMCA",
    "YWCA", "WWF", "ICRC", "MSF", "ACLU", "FIDH", "BRAC", "II", "III", "IV", "VI", "VII",
    "VIII", "IX", "XII", "XIII", "XIV", "XV", "XVI", "RAF", "USFK", "INDOPACOM", "JCS", "MI5",
    "MI6", "SCOTUS", "POTUS", "KKK", "IRA", "INLA", "ETA", "FARC", "ELN", "PKK", "LTTE", "ISI",
    "DHKP",
}


def natural_case(phrase: str, acronyms: frozenset[str] | set[str] = frozenset()) -> str:
    """An UPPERCASE dictionary phrase in the case English news uses.

    "NORTH KOREA" -> "North Korea", "REPUBLIC OF KOREA" -> "Republic of Korea",
    "COTE D'IVOIRE" -> "Cote d'Ivoire", "JAISH-E-MOHAMMAD" -> "Jaish-e-Mohammad",
    "U.S." / "DPRK" / "ROK" stay upper. Phrases that already have lower case letters are
    returned unchanged (mledoze is mixed case and right as it is).
    """
    phrase = squash(phrase)
    if any(c.islower() for c in phrase):
        return phrase
    known = ACRONYMS | set(acronyms)
    words = phrase.split(" ")
    out = []
    for i, word in enumerate(words):
        out.append(_natural_word(word, first=(i == 0), known=known))
    return " ".join(out)


def _natural_word(word: str, first: bool, known: set[str]) -> str:
    bare = word.strip(".'\"-")
    if word in known or bare in known:
        return word
    if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", word):  # initials: U.S., D.P.R.K., N.
        return word
    if (bare and bare.isalpha() and len(bare) >= 2 and not re.search(r"[AEIOUY]", bare)
            and bare not in ABBREVIATIONS):
        return word  # no vowel, so not a word: DRC, FSB, GCHQ, MSF
    if not first and re.fullmatch(r"[IVX]{2,5}", word):  # regnal numbers; "Xi" is first
        return word
    parts = word.split("-")
    cased = []
    for j, part in enumerate(parts):
        low = part.lower()
        if (j > 0 or not first) and low in SMALL_WORDS | {"i", "e", "o", "u"} and len(parts) > 1:
            cased.append(low)
        elif j == 0 and not first and len(parts) == 1 and low in SMALL_WORDS:
            cased.append(low)
        else:
            cased.append(_capitalise(part))
    return "-".join(cased)


def _capitalise(part: str) -> str:
    if "." in part.strip("."):  # "S.KOREA" -> "S.Korea"
        return ".".join(_capitalise(p) if p else p for p in part.split("."))
    low = part.lower()
    if re.match(r"^[dl]'[a-z]", low):  # d'Ivoire, l'Enfance
        return low[:2] + low[2:3].upper() + low[3:]
    if re.match(r"^o'[a-z]", low):  # O'Brien
        return "O'" + low[2:3].upper() + low[3:]
    if re.match(r"^mc[a-z]{2,}", low):  # McDonald
        return "Mc" + low[2:3].upper() + low[3:]
    if low[:1].isdigit():  # "1ST", "20TH": ordinals stay lower case
        return low
    for i, c in enumerate(low):
        if c.isalpha():
            return low[:i] + c.upper() + low[i + 1:]
    return low


# ---------------------------------------------------------------------------------------------
# Curated lists ("curated by dateline")
# ---------------------------------------------------------------------------------------------

# Rule 2: aliases that are ordinary English words or common personal names in news text, so
# matching them creates false places. Compared folded. Never applied to a country's own name.
STOP_ALIASES = {
    # English words
    "hippo", "male", "split", "nice", "mobile", "reading", "bath", "batna", "canton", "valley",
    "the valley", "west island", "union", "independence", "liberty", "progress", "concord",
    "victory", "freedom", "hope", "faith", "unity", "moron", "colon", "mandate", "lagoon",
    "manhattan", "oriental", "occidental", "central", "capital", "federal", "republic",
    "kingdom", "empire", "state", "states", "island", "islands", "coast", "gold coast",
    "ivory", "cape", "plymouth", "bridgetown", "crown", "rocky",
    "the graveyard of empires", "graveyard of empires", "cockpit of europe", "city of bridges",
    "the quebec of europe", "yankee land", "yankeeland", "americaland", "belgiumland",
    "red korea", "soviet korea", "communist korea", "land of opportunity",
    # personal names that are also places
    # ("Austin": Lloyd Austin; "Hamilton": Bermuda's capital and a common surname)
    "victoria", "charlotte", "austin", "lawrence", "columbus", "phoenix", "hamilton",
    "stanley", "constantine", "jackson", "lincoln", "madison", "raleigh", "richmond",
    "kingsley", "douglas", "santa", "carlos", "regina", "salisbury",
    # demonym-like words that are also ordinary words or first names
    "pole", "poles", "kiwi", "kiwis", "finn", "finns", "dane", "swede", "switzer", "mann",
    "tara", "bale", "sian",
    "pearl of the orient", "dutch inhabitants",
    # ambiguous between countries or between a country and something larger
    "korean", "koreans", "soviet", "hispaniola", "borneo", "new guinea", "tibet", "tibetan",
    "tibetans", "kurdistan", "punjab", "kashmir", "bengal", "baluchistan", "lapland", "galicia",
    "flanders",
    "maghreb", "levant", "sahara", "sahel", "indochina", "zion",
}

# Organisation aliases from Phoenix that are not organisations (dates, stock phrases, persons
# filed as entries, bare nationalities) or are too ambiguous (ETA, IRA, LET are words or
# other things in modern news). Compared folded.
ORG_STOP_ALIASES = {
    "may 15", "may 98", "red line", "black star", "international solidarity",
    "popular resistance", "fighters for freedom", "friendship society", "republic of texas",
    "burning path", "revolutionary nuclei", "leftist nucleus", "melting nuclei", "anarchist",
    "direct action", "army of god", "orange volunteers", "angry brigade", "revolutionary brigades",
    "american", "catholic", "harvard", "japan", "lao", "montreal", "ottawa", "ngo", "insula",
    "unscr", "unsg", "carlos", "tantiwittayapitak", "the iu", "the wb", "us vi",
    "international government organization", "international government organisation",
    "christian catholic", "shared interest", "small kindness", "refugee advocate",
    "gender watchers", "safe motherhood", "c safe",
    "development agenc", "guide to ngos in pakistan", "uganda ngo directory", "ngo net",
    "dc journalist", "dc reporter", "glenn greenwald", "buzzfeed", "west wing",
    "the security council", "security council", "un mission", "un bodies", "un resident",
    "un envoy", "u.n. monitor", "united nations monitor", "islamic jihad", "the islamic resistance",
    "party of god", "army", "the army", "military", "police", "government", "the government",
    "dawn", "zero", "cba", "al-aqsa", "al aqsa", "black friday", "black widows", "tigers",
    "egypt's revolution",
    "al-qaeda organization", "popular justice", "national warriors", "amit", "lao",
    "eta", "ira", "let", "elf", "alf", "an", "ca", "hm", "naa", "lej", "jbc", "erg",
}

# Aliases added to country_aliases by hand (alias, iso3, kind). Each says why.
CURATED_COUNTRY_ALIASES = [
    ("Korea", "KOR", "alt_name"),  # unqualified "Korea" in English news is South Korea
    ("S. Korea", "KOR", "alt_name"),  # headline style
    ("N. Korea", "PRK", "alt_name"),  # headline style
    ("S.Korea", "KOR", "alt_name"),  # Yonhap headline style
    ("N.Korea", "PRK", "alt_name"),  # Yonhap headline style
    ("ROK", "KOR", "alt_name"),  # Republic of Korea; used in US-ROK alliance coverage
    ("DPRK", "PRK", "alt_name"),  # North Korea's self-designation, common in wire copy
    ("North Korean", "PRK", "demonym"),
    ("South Korean", "KOR", "demonym"),
    ("U.S.", "USA", "alt_name"),  # AP style
    ("US", "USA", "alt_name"),
    ("USA", "USA", "alt_name"),
    ("America", "USA", "alt_name"),  # news usage: the country, not the continents
    ("Washington", "USA", "capital"),  # metonym for the US government in wire copy
    ("Britain", "GBR", "alt_name"),
    ("UK", "GBR", "alt_name"),
    ("U.K.", "GBR", "alt_name"),
    ("British", "GBR", "demonym"),
    ("England", "GBR", "alt_name"),  # the UK's constituent countries stand for it in news
    ("Scotland", "GBR", "alt_name"),
    ("Wales", "GBR", "alt_name"),
    ("Northern Ireland", "GBR", "alt_name"),
    ("Kyiv", "UKR", "capital"),  # current spelling
    ("Kiev", "UKR", "capital"),  # older spelling, still in archives
    ("Brussels", "BEL", "capital"),  # also the EU's seat; the country row is Belgium's
    ("The Hague", "NLD", "city"),  # seat of government and of the ICJ/ICC
    ("Beijing", "CHN", "capital"),
    ("Moscow", "RUS", "capital"),
    ("Seoul", "KOR", "capital"),
    ("Pyongyang", "PRK", "capital"),
    ("Vilnius", "LTU", "capital"),
    ("Taipei", "TWN", "capital"),
    ("Hong Kong", "HKG", "name"),
    # The Soviet Union (1980s wire copy) is coded by its successor state, as ICEWS and the country
    # dictionary's leader lists file it; ISO 3166 has no current code for it.
    ("Soviet Union", "RUS", "alt_name"),
    ("USSR", "RUS", "alt_name"),
    ("U.S.S.R.", "RUS", "alt_name"),
    ("Soviet", "RUS", "demonym"),
    ("Soviets", "RUS", "demonym"),
]

# Organisations added by hand: (org_id, name, country, sector, kind, aliases). These win over
# anything derived for the same org_id or alias. Each says why it is here.
CURATED_ORGANISATIONS = [
    # Phoenix predates or lacks these modern-news bodies
    ("EU", "European Union", "IGO", "", "igo", ["European Union", "EU", "E.U.", "the EU"]),
    ("UN", "United Nations", "IGO", "", "igo", ["United Nations", "UN", "U.N.", "the UN"]),
    ("UNSC", "United Nations Security Council", "IGO", "", "igo",
     ["UN Security Council", "U.N. Security Council", "UNSC",
      "United Nations Security Council"]),  # Phoenix merges it into the UN
    ("UNGA", "United Nations General Assembly", "IGO", "", "igo",
     ["UN General Assembly", "U.N. General Assembly", "United Nations General Assembly"]),
    ("NATO", "North Atlantic Treaty Organization", "IGO", "MIL", "igo",
     ["NATO", "North Atlantic Treaty Organization",
      "North Atlantic Treaty Organisation"]),  # a defence alliance: its actions are military
    ("NATO_MC", "NATO Military Committee", "IGO", "MIL", "igo",
     ["NATO Military Committee"]),  # chaired by Bauer, then Cavo Dragone (office_holders)
    ("IAEA", "International Atomic Energy Agency", "IGO", "", "igo",
     ["IAEA", "International Atomic Energy Agency"]),
    ("ASEAN", "Association of Southeast Asian Nations", "IGO", "", "igo",
     ["ASEAN", "Association of Southeast Asian Nations"]),
    ("OSCE", "Organization for Security and Co-operation in Europe", "IGO", "", "igo",
     ["OSCE"]),  # Phoenix has the long names but not the acronym
    ("AU", "African Union", "IGO", "", "igo", ["African Union"]),  # "AU" alone is too short
    ("ICC", "International Criminal Court", "IGO", "JUD", "igo",
     ["International Criminal Court", "ICC"]),  # Phoenix has only the acronym
    ("G7", "Group of Seven", "IGO", "", "igo", ["G7", "G-7", "Group of Seven"]),
    ("G20", "Group of Twenty", "IGO", "", "igo", ["G20", "G-20", "Group of 20"]),
    # Trade and finance bodies of 1980s-90s wire copy (Reuters-21578) that Phoenix lacks; without
    # them "the European Community would retaliate" took the article's home country.
    ("EC", "European Community", "IGO", "", "igo",
     ["European Community", "European Economic Community", "EEC", "EC", "E.C."]),  # the EU's predecessor
    ("GATT", "General Agreement on Tariffs and Trade", "IGO", "", "igo",
     ["GATT", "General Agreement on Tariffs and Trade"]),
    ("WTO", "World Trade Organization", "IGO", "", "igo",
     ["WTO", "World Trade Organization", "World Trade Organisation"]),
    ("OPEC", "Organization of the Petroleum Exporting Countries", "IGO", "", "igo",
     ["OPEC", "Organization of the Petroleum Exporting Countries"]),
    ("PARIS_CLUB", "Paris Club", "IGO", "", "igo", ["Paris Club"]),  # the official creditors' group
    # Political parties whose name belongs to one country in English-language news; Phoenix
    # codes parties only through their members. Names that are part of other countries' party
    # names are left out ("Democratic Party" is in Sweden's "Social Democratic Party", "Democrats"
    # in "Sweden Democrats"; "Liberal Party", "Congress"): they take the article's home country.
    ("GBR_CONSERVATIVE_PARTY", "Conservative Party (UK)", "GBR", "PTY", "party",
     ["Conservative Party", "Conservatives", "Tories", "Tory", "Tory party"]),
    ("GBR_LABOUR_PARTY", "Labour Party (UK)", "GBR", "PTY", "party",
     ["Labour", "Labour Party", "Labour party"]),  # Australia's is spelled "Labor"
    ("GBR_LIBERAL_DEMOCRATS", "Liberal Democrats (UK)", "GBR", "PTY", "party",
     ["Liberal Democrats", "Lib Dems", "Lib Dem"]),
    ("GBR_SNP", "Scottish National Party", "GBR", "PTY", "party", ["Scottish National Party", "SNP"]),
    ("GBR_UKIP", "UK Independence Party", "GBR", "PTY", "party", ["UK Independence Party", "UKIP", "Ukip"]),
    ("GBR_PLAID_CYMRU", "Plaid Cymru", "GBR", "PTY", "party", ["Plaid Cymru"]),
    ("USA_REPUBLICAN_PARTY", "Republican Party (US)", "USA", "PTY", "party",
     ["Republican Party", "Republicans", "GOP"]),
    ("ISR_LIKUD", "Likud", "ISR", "PTY", "party", ["Likud"]),
    ("TUR_AKP", "Justice and Development Party (Turkey)", "TUR", "PTY", "party",
     ["AKP", "Justice and Development Party", "Justice and Development party"]),
    ("TUR_MHP", "Nationalist Movement Party (Turkey)", "TUR", "PTY", "party",
     ["MHP", "Nationalist Movement Party", "Nationalist Movement party"]),
    ("DEU_CDU", "Christian Democratic Union (Germany)", "DEU", "PTY", "party", ["CDU", "Christian Democratic Union"]),
    ("IND_BJP", "Bharatiya Janata Party", "IND", "PTY", "party", ["BJP", "Bharatiya Janata Party"]),
    ("KREMLIN", "Kremlin", "RUS", "GOV", "metonym", ["Kremlin", "the Kremlin"]),
    ("WHITE_HOUSE", "White House", "USA", "GOV", "metonym", ["White House", "the White House"]),
    ("PENTAGON", "Pentagon", "USA", "MIL", "metonym",
     ["Pentagon", "the Pentagon"]),  # metonym for the US Department of Defense
    ("BLUE_HOUSE", "Blue House", "KOR", "GOV", "metonym",
     ["Blue House", "Cheong Wa Dae"]),  # South Korean presidential office until 2022
    ("KOR_PRESIDENTIAL_OFFICE", "Presidential Office (Yongsan)", "KOR", "GOV", "metonym",
     ["Yongsan presidential office"]),  # seat of the South Korean presidency 2022-2025
    ("DOWNING_STREET", "Downing Street", "GBR", "GOV", "metonym",
     ["Downing Street", "Number 10", "No. 10", "Number 10 Downing Street"]),
    ("ELYSEE", "Elysee Palace", "FRA", "GOV", "metonym",
     ["Elysee", "Elysee Palace", "Élysée", "Élysée Palace"]),
    ("ZHONGNANHAI", "Zhongnanhai", "CHN", "GOV", "metonym", ["Zhongnanhai"]),
    # context dependent: the US has a JCS too, but in the sample corpus JCS is South Korea's
    ("KOR_JCS", "Joint Chiefs of Staff (South Korea)", "KOR", "MIL", "military",
     ["Joint Chiefs of Staff", "Joint Chiefs", "JCS", "South Korean Joint Chiefs of Staff"]),
    ("USA_JCS", "Joint Chiefs of Staff (United States)", "USA", "MIL", "military",
     ["US Joint Chiefs of Staff", "U.S. Joint Chiefs of Staff"]),
    ("KOR_ARMED_FORCES", "Republic of Korea Armed Forces", "KOR", "MIL", "military",
     ["Republic of Korea Armed Forces", "ROK Armed Forces", "South Korean Armed Forces",
      "South Korean military", "ROK Army", "ROK Navy", "ROK Air Force", "ROK Marine Corps",
      "Republic of Korea Army", "Republic of Korea Navy", "Republic of Korea Air Force"]),
    # Phoenix has only "U.S. Army" and "U.S. Military" for the US services
    ("USA_MILITARY", "United States Armed Forces", "USA", "MIL", "military",
     ["U.S. military", "US military", "U.S. Navy", "US Navy", "U.S. Air Force",
      "US Air Force", "U.S. Army", "US Army", "U.S. Marine Corps", "US Marine Corps",
      "U.S. Space Force"]),
    ("USFK", "United States Forces Korea", "USA", "MIL", "military",
     ["USFK", "United States Forces Korea", "U.S. Forces Korea", "US Forces Korea"]),
    ("INDOPACOM", "United States Indo-Pacific Command", "USA", "MIL", "military",
     ["INDOPACOM", "Indo-Pacific Command", "U.S. Indo-Pacific Command",
      "US Indo-Pacific Command"]),  # renamed from PACOM in 2018
    ("KOR_MND", "Ministry of National Defense (South Korea)", "KOR", "MIL", "ministry",
     ["South Korean Ministry of National Defense", "South Korea's Ministry of National Defense",
      "South Korean Defense Ministry"]),  # country-less "Ministry of National Defense" is
    # ambiguous (Taiwan, China, ...), so only the prefixed forms
    ("KOR_NIS", "National Intelligence Service (South Korea)", "KOR", "SPY", "agency",
     ["National Intelligence Service"]),  # Seoul's spy agency, frequent source on the North
    ("KOR_UNIFICATION_MINISTRY", "Ministry of Unification (South Korea)", "KOR", "GOV",
     "ministry", ["Unification Ministry", "Ministry of Unification"]),  # only Seoul has one
    ("KPA", "Korean People's Army", "PRK", "MIL", "military",
     ["Korean People's Army", "KPA"]),
    ("WPK", "Workers' Party of Korea", "PRK", "GOV", "party",
     ["Workers' Party of Korea", "WPK"]),  # ruling party, so GOV; bare "Workers' Party"
    # is also Brazil's PT and others
    ("NLD_NAVY", "Royal Netherlands Navy", "NLD", "MIL", "military",
     ["Royal Netherlands Navy"]),
    ("ITA_NAVY", "Italian Navy", "ITA", "MIL", "military", ["Italian Navy", "Marina Militare"]),
    ("RUS_MOD", "Ministry of Defence of the Russian Federation", "RUS", "MIL", "ministry",
     ["Russian Defense Ministry", "Russian Defence Ministry",
      "Russian Ministry of Defence", "Russian Ministry of Defense"]),
    ("UKR_AF", "Armed Forces of Ukraine", "UKR", "MIL", "military",
     ["Armed Forces of Ukraine", "Ukrainian Armed Forces"]),
    # armed groups Phoenix lacks or files under dated entries
    ("HAMAS", "Hamas", "PSE", "REB", "armed_group", ["Hamas", "Islamic Resistance Movement"]),
    ("HEZBOLLAH", "Hezbollah", "LBN", "REB", "armed_group",
     ["Hezbollah", "Hizbollah", "Hizbullah", "Hizballah"]),
    ("ISLAMIC_STATE", "Islamic State", "", "REB", "armed_group",
     ["Islamic State", "ISIS", "ISIL", "Daesh", "Islamic State of Iraq and Syria",
      "Islamic State of Iraq and the Levant"]),  # transnational, so no country
    ("TALIBAN", "Taliban", "AFG", "REB", "armed_group", ["Taliban", "the Taliban", "Taleban"]),
    ("AL_QAEDA", "al-Qaeda", "", "REB", "armed_group",
     ["al-Qaeda", "Al-Qaeda", "al Qaeda", "Al Qaeda", "al-Qaida", "Al-Qaida"]),
    ("HOUTHIS", "Houthis (Ansar Allah)", "YEM", "REB", "armed_group",
     ["Houthis", "Houthi", "Ansar Allah"]),  # Red Sea coverage since 2023
    ("WAGNER", "Wagner Group", "RUS", "UAF", "armed_group",
     ["Wagner Group", "Wagner PMC"]),  # neither state army nor rebel: PLOVER UAF
    # Armed groups of one country that Phoenix lacks or leaves without a country; without a
    # row they took the article's home country, which is the other side of a two-country story.
    # CAMEO codes rebels by the country they fight in (SYRREB), so the country is where they fight.
    ("SDF", "Syrian Democratic Forces", "SYR", "REB", "armed_group",
     ["Syrian Democratic Forces", "SDF"]),  # Kurdish-led, US-backed, north-east Syria
    ("YPG", "People's Protection Units", "SYR", "REB", "armed_group",
     ["People's Protection Units", "YPG", "YPJ", "Women's Protection Units"]),
    ("HTS", "Hayat Tahrir al-Sham", "SYR", "REB", "armed_group",
     ["Hayat Tahrir al-Sham", "HTS", "Tahrir al-Sham"]),
    ("PMF", "Popular Mobilisation Forces", "IRQ", "UAF", "armed_group",
     ["Popular Mobilisation Forces", "Popular Mobilization Forces", "Popular Mobilization Units",
      "Hashd al-Shaabi", "Hashed al-Shaabi"]),  # state-sanctioned militias: PLOVER UAF
    ("M23", "March 23 Movement", "COD", "REB", "armed_group", ["M23", "March 23 Movement"]),
    ("SDN_RSF", "Rapid Support Forces", "SDN", "UAF", "armed_group",
     ["Rapid Support Forces"]),  # bare "RSF" is also Reporters Without Borders
    ("PALESTINIAN_ISLAMIC_JIHAD", "Palestinian Islamic Jihad", "PSE", "REB", "armed_group",
     ["Palestinian Islamic Jihad", "Islamic Jihad", "Harakat al-Jihad al-Islami Fi Filastin"]),
    ("LASHKAR_E_TAIBA", "Lashkar-e-Taiba", "PAK", "REB", "armed_group",
     ["Lashkar-e-Taiba", "Lashkar-e-Toiba", "Lashkar-e-Tayyiba"]),
    ("JAISH_E_MOHAMMAD", "Jaish-e-Mohammad", "PAK", "REB", "armed_group",
     ["Jaish-e-Mohammad", "Jaish-e-Mohammed"]),
    ("TTP", "Tehrik-i-Taliban Pakistan", "PAK", "REB", "armed_group",
     ["Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "Pakistani Taliban", "TTP"]),
    # media: news agencies and broadcasters that are cited as sources
    ("REUTERS", "Reuters", "", "MED", "media", ["Reuters"]),  # UK-founded, global: no country
    ("AP", "Associated Press", "", "MED", "media", ["Associated Press", "AP"]),
    ("AFP", "Agence France-Presse", "FRA", "MED", "media",
     ["AFP", "Agence France-Presse", "Agence France Presse"]),
    ("BBC", "British Broadcasting Corporation", "GBR", "MED", "media",
     ["BBC", "British Broadcasting Corporation", "BBC News"]),
    ("XINHUA", "Xinhua News Agency", "CHN", "MED", "media", ["Xinhua", "Xinhua News Agency"]),
    ("YONHAP", "Yonhap News Agency", "KOR", "MED", "media", ["Yonhap", "Yonhap News Agency"]),
    ("KCNA", "Korean Central News Agency", "PRK", "MED", "media",
     ["KCNA", "Korean Central News Agency"]),
    ("RODONG_SINMUN", "Rodong Sinmun", "PRK", "MED", "media", ["Rodong Sinmun"]),
    ("TASS", "TASS", "RUS", "MED", "media", ["TASS", "Tass"]),
    ("RIA_NOVOSTI", "RIA Novosti", "RUS", "MED", "media", ["RIA Novosti"]),
    ("KYODO", "Kyodo News", "JPN", "MED", "media", ["Kyodo", "Kyodo News"]),
    ("AL_JAZEERA", "Al Jazeera", "QAT", "MED", "media", ["Al Jazeera", "Al-Jazeera"]),
]

# Phoenix.Countries entries (UPPERCASE, as in actors.tsv) that are organisations, metonyms or
# bodies rather than people, offices or territories: entry -> (org_id, kind, display name).
# The rest of that dictionary is people (~ELI codes), offices ("US SECRETARY OF DEFENSE")
# and territories.
PHOENIX_COUNTRY_ORGS = {
    "AFGHAN NATIONAL SECURITY FORCES": ("AFG_ANSF", "military", "Afghan National Security Forces"),
    "AHRAR AL SHAM": ("AHRAR_AL_SHAM", "armed_group", "Ahrar al-Sham"),
    "ASSAM RIFLES": ("IND_ASSAM_RIFLES", "military", "Assam Rifles"),
    "BUNDESRAT": ("DEU_PARLIAMENT", "agency", "Bundesrat"),
    "COMMUNIST PARTY OF CHINA": ("CPC", "party", "Communist Party of China"),
    "DEFENSE INTELLIGENCE AGENCY":
        ("USA_DIA", "agency", "Defense Intelligence Agency (United States)"),
    "DEPARTMENT OF HEALTH AND HUMAN SERVICES":
        ("USA_HHS", "ministry", "United States Department of Health and Human Services"),
    "DEPARTMENT OF STATE":
        ("USA_STATE_DEPARTMENT", "ministry", "United States Department of State"),
    "DGSE": ("FRA_DGSE", "agency", "General Directorate for External Security (France)"),
    "ENVIRONMENTAL PROTECTION AGENCY":
        ("USA_EPA", "agency", "United States Environmental Protection Agency"),
    "EXPEDIENCY DISCERNMENT COUNCIL OF THE SYSTEM":
        ("IRN_EXPEDIENCY_COUNCIL", "agency", "Expediency Discernment Council (Iran)"),
    "FEDERAL BUREAU OF INVESTIGATION": ("USA_FBI", "agency", "Federal Bureau of Investigation"),
    "FEDERAL SECURITY SERVICE": ("RUS_FSB", "agency", "Federal Security Service (Russia)"),
    "FEDERAL SERVICE FOR MILITARY-TECHNICAL COOPERATION":
        ("RUS_FSVTS", "agency", "Federal Service for Military-Technical Cooperation (Russia)"),
    "FEDERAL TRADE COMMISSION": ("USA_FTC", "agency", "Federal Trade Commission (United States)"),
    "FREE SYRIAN ARMY": ("FSA", "armed_group", "Free Syrian Army"),
    "GENERAL DIRECTORATE OF FOREIGN SECURITY":
        ("LBN_GDFS", "agency", "General Directorate of Foreign Security (Lebanon)"),
    "GOVERNMENT COMMUNICATIONA HEADQUARTERS":
        ("GBR_INTELLIGENCE", "agency", "British intelligence services"),
    "HAZM MOVEMENT": ("HAZM_MOVEMENT", "armed_group", "Hazm Movement"),
    "HER MAJESTYS ARMED FORCES": ("GBR_ARMED_FORCES", "military", "British Armed Forces"),
    "INTER-SERVICES INTELLIGENCE": ("PAK_ISI", "agency", "Inter-Services Intelligence (Pakistan)"),
    "ISLAMIC CONSULTATIVE ASSEMBLY":
        ("IRN_MAJLIS", "agency", "Islamic Consultative Assembly (Iran)"),
    "ISRAEL DEFENCE FORCES": ("IDF", "military", "Israel Defense Forces"),
    "JABHAT AL NUSRA": ("NUSRA_FRONT", "armed_group", "Nusra Front"),
    "KNESSET": ("KNESSET", "agency", "Knesset"),
    "KOSOVA SECURITY FORCE": ("XKX_KSF", "military", "Kosovo Security Force"),
    "KREMLIN": ("KREMLIN", "metonym", "Kremlin"),
    "KURDISTAN REGIONAL GOVERNMENT": ("KRG", "agency", "Kurdistan Regional Government"),
    "LOK SABHA": ("IND_PARLIAMENT", "agency", "Lok Sabha"),
    "MALACANANG PALACE": ("MALACANANG", "metonym", "Malacanang Palace"),
    "MOSSAD": ("MOSSAD", "agency", "Mossad"),
    "NATIONAL ACCOUNTABILITY BUREAU":
        ("PAK_NAB", "agency", "National Accountability Bureau (Pakistan)"),
    "NATIONAL AERONAUTICS AND SPACE ADMINISTRATION":
        ("NASA", "agency", "National Aeronautics and Space Administration"),
    "NATIONAL PEOPLE'S CONGRESS": ("CHN_NPC", "agency", "National People's Congress (China)"),
    "NATIONAL SECURITY COUNCIL": ("USA_NSC", "agency", "United States National Security Council"),
    "NUMBER 10 DOWNING STREET": ("DOWNING_STREET", "metonym", "Downing Street"),
    "OFFICE OF MANAGEMENT AND BUDGET":
        ("USA_OMB", "agency", "Office of Management and Budget (United States)"),
    "PEOPLES LIBERATION ARMY": ("PLA", "military", "People's Liberation Army"),
    "PESHMERGA": ("PESHMERGA", "military", "Peshmerga"),
    "REICHSTAG": ("DEU_GOVERNMENT", "metonym", "Reichstag"),
    "REVOLUTIONARY GUARD": ("IRGC", "military", "Islamic Revolutionary Guard Corps"),
    "RUSSIAN FEDERAL ASSEMBLY": ("RUS_FEDERAL_ASSEMBLY", "agency", "Federal Assembly of Russia"),
    "SCOTLAND YARD": ("GBR_MET_POLICE", "agency", "Metropolitan Police Service (London)"),
    "SHIN BET": ("SHIN_BET", "agency", "Shin Bet"),
    "STATE COUNCIL OF THE PEOPLES REPUBLIC OF CHINA":
        ("CHN_STATE_COUNCIL", "agency", "State Council of the People's Republic of China"),
    "SUQOUR AL SHAM BRIGADE": ("SUQOUR_AL_SHAM", "armed_group", "Suqour al-Sham Brigade"),
    "SYRIAN ISLAMIC FRONT": ("SYRIAN_ISLAMIC_FRONT", "armed_group", "Syrian Islamic Front"),
    "SYRIAN REVOLUTIONARY FRONT":
        ("SYRIAN_REVOLUTIONARY_FRONT", "armed_group", "Syria Revolutionaries Front"),
    "U.S. FEDERAL RESERVE": ("USA_FED", "agency", "Federal Reserve (United States)"),
    "UNITED STATES AGENCY FOR INTERNATIONAL DEVELOPMENT":
        ("USAID", "agency", "United States Agency for International Development"),
    "UNITED STATES CONGRESS": ("USA_CONGRESS", "agency", "United States Congress"),
    "UNITED STATES DEPARTMENT OF AGRICULTURE":
        ("USA_USDA", "ministry", "United States Department of Agriculture"),
    "UNITED STATES DEPARTMENT OF EDUCATION":
        ("USA_EDUCATION_DEPARTMENT", "ministry", "United States Department of Education"),
    "UNITED STATES DEPARTMENT OF ENERGY":
        ("USA_ENERGY_DEPARTMENT", "ministry", "United States Department of Energy"),
    "UNITED STATES DEPARTMENT OF HOMELAND SECURITY":
        ("USA_DHS", "ministry", "United States Department of Homeland Security"),
    "UNITED STATES DEPARTMENT OF JUSTICE":
        ("USA_DOJ", "ministry", "United States Department of Justice"),
    "UNITED STATES DEPARTMENT OF LABOR":
        ("USA_LABOR_DEPARTMENT", "ministry", "United States Department of Labor"),
    "UNITED STATES DEPARTMENT OF THE INTERIOR":
        ("USA_INTERIOR_DEPARTMENT", "ministry", "United States Department of the Interior"),
    "UNITED STATES DEPARTMENT OF THE TREASURY":
        ("USA_TREASURY", "ministry", "United States Department of the Treasury"),
    "UNITED STATES DEPARTMENT OF TRANSPORTATION":
        ("USA_TRANSPORTATION_DEPARTMENT", "ministry", "United States Department of Transportation"),
    "UNITED STATES MILITARY": ("USA_MILITARY", "military", "United States Armed Forces"),
    "UNITED STATES NATIONAL ECONOMIC COUNCIL":
        ("USA_NEC", "agency", "United States National Economic Council"),
    "UNITED STATES SUPREME COURT":
        ("USA_SUPREME_COURT", "agency", "Supreme Court of the United States"),
    "US INTELLIGENCE COMMUNITY":
        ("USA_INTELLIGENCE", "agency", "United States Intelligence Community"),
    "VETERANS HEALTH ADMINISTRATION": ("USA_VHA", "agency", "Veterans Health Administration"),
    "WESTMINSTER PALACE": ("WESTMINSTER", "metonym", "Palace of Westminster"),
    "WHITE HOUSE": ("WHITE_HOUSE", "metonym", "White House"),
}

# Short ids for Phoenix International entries whose derived id would be a long slug or would
# split one organisation in two. Keys are folded entry names after normalise_org_name().
ORG_ID_BY_ENTRY = {
    "un": "UN", "united nations": "UN", "un secretariat": "UN_SECRETARIAT",
    "secretariat of the un": "UN_SECRETARIAT", "secretariat of the united nations":
    "UN_SECRETARIAT", "united nations secretariat": "UN_SECRETARIAT",
    "un security council": "UNSC", "unsc": "UNSC", "un general assembly": "UNGA",
    "european union": "EU", "european commission": "EUROPEAN_COMMISSION",
    "european parliament": "EUROPEAN_PARLIAMENT",
    "organization for security and cooperation in europe": "OSCE",
    "organization for economic cooperation and development": "OECD",
    "world health organization": "WHO",
    "world bank": "WORLD_BANK", "world food program": "WFP",
    "international labor organization": "ILO", "international court of justice": "ICJ",
    "international atomic energy agency": "IAEA", "un high commission for refugees": "UNHCR",
    "united nations commission for refugees": "UNHCR",
    "un high commission for human rights": "OHCHR",
    "united nations commission for human rights": "OHCHR",
    "united nations children's fund": "UNICEF",
    "intergovernmental panel on climate change": "IPCC",
    "inter governmental panel on climate change": "IPCC",
    "international criminal police organization": "INTERPOL",
    "organization of american states": "OAS",
    "organization of petroleum exporting countries": "OPEC",
    "organization of african unity": "OAU", "organization of islamic conferences": "OIC",
    "organization of the islamic conference": "OIC",
    "association of southeast asian nations": "ASEAN",
    "association of south east asian nations": "ASEAN",
    "association of southeast asia nations": "ASEAN", "southeast asian nations": "ASEAN",
    "group of seven": "G7", "group of eight": "G8",
    "economic community of west african states": "ECOWAS",
    "southern african development community": "SADC",
    "organization for the prohibition of chemical weapons": "OPCW",
    "international monetary fund": "IMF", "arab league": "ARAB_LEAGUE",
    "commonwealth of independent states": "CIS", "shanghai cooperation organization": "SCO",
    "international committee of the red cross": "ICRC", "red cross": "RED_CROSS",
    "doctors without borders": "MSF", "medecins sans frontieres": "MSF",
    "amnesty international": "AMNESTY_INTERNATIONAL", "human rights watch": "HRW",
    "abu sayyaf group": "ABU_SAYYAF", "al qa'ida": "AL_QAEDA", "al qai'dah": "AL_QAEDA",
    "el qaida": "AL_QAEDA",
    "al-jazeera": "AL_JAZEERA", "al jazeera": "AL_JAZEERA",
    "agence france-presse": "AFP", "associated press": "AP",
}

# Whole words that make a multi-word phrase an organisation rather than a person's name.
ORG_WORDS = set("""
ORGANIZATION ORGANISATION ORGANIZATIONS UNION LEAGUE COUNCIL COMMISSION COMMITTEE AGENCY FUND
BANK COURT TRIBUNAL PROGRAM PROGRAMME ASSOCIATION ALLIANCE FEDERATION FOUNDATION INSTITUTE
INSTITUTION CENTER CENTRE SOCIETY NETWORK GROUP COMMUNITY PARLIAMENT ASSEMBLY SECRETARIAT
INTERNATIONAL WORLD GLOBAL NATIONS MISSION PARTNERSHIP CAMPAIGN COALITION MOVEMENT TRUST
CONFERENCE OFFICE BUREAU BOARD AUTHORITY SERVICE SERVICES CROSS CRESCENT BORDERS WATCH
RIGHTS CHURCH CHURCHES ACTION AID RELIEF PROJECT INITIATIVE FORUM CLUB CORPS ACADEMY
UNIVERSITY COLLEGE CONGRESS TREATY AREA MARKET ORDER FELLOWSHIP PRESS NEWS AGENCE TIMES
JOURNAL POST ARMY FRONT BRIGADE BRIGADES PARTY FORCE FORCES GUARD GUARDS MILITIA COMMAND
DEPARTMENT MINISTRY DIRECTORATE ADMINISTRATION HEADQUARTERS INTELLIGENCE POLICE NAVY
MARINES RIFLES REGIMENT LIBERATION RESISTANCE JIHAD MUJAHIDEEN MUJAHIDIN FACTION CELLS
NUCLEI LEGION BATTALION SQUAD COMMANDOS TIGERS PANTHERS FIGHTERS REVOLUTIONARY HOUSE
FRONTIERES CHILDREN PEACE GOVERNMENT REPUBLIC SABHA KNESSET PALACE STREET YARD BET
PESHMERGA CONGRESO CONSEJO ASOCIACION CENTRO COMITE FUNDACION INSTITUTO LIGA MOVIMIENTO
""".split())

# Words that make a phrase a role or a person's description, not an organisation.
ROLE_WORDS = set("""
SPOKESMAN SPOKESWOMAN SPOKESPERSON OFFICIAL OFFICIALS SECRETARY PRESIDENT MINISTER MINISTERS
AMBASSADOR ENVOY CHIEF CHAIRMAN DIRECTOR JUSTICES SOLDIERS MONITOR PEACEKEEPER REPRESENTATIVE
RAPPORTEUR COMMANDER LEADER CONTINGENT BODIES COUNTRIES MEMBERS JOURNALIST REPORTER RESIDENT
SHEIKH SHEIK SAYYID SAYYED SEYYED MULLAH BARONESS LADY SIR MR MR. MRS DR DR.
AYATOLLAH EMIR KING QUEEN PRINCE COUNTRY DATABASE DIRECTORY BASED
""".split())

# Single-token names of five letters or fewer that are words, not acronyms.
WORD_NAMES = {"HAMAS", "KACH", "OXFAM", "DUMA", "BASIJ", "AMIT", "ZONTA", "REDR", "ALUKA", "AMAL",
              "ALEPH", "EYAL", "HISBA", "TANZIM",
              "INSULA", "ZNANIE", "ICVOLUNTEERS"}

# Aliases the Phoenix dictionaries file under an organisation but that name something else.
ORG_ALIAS_DROPS = {
    "JOHN KIRBY", "WEST POINT", "PEACE CORPS", "MILLENNIUM CHALLENGE CORPORATION", "DEA",
    "DRUG ENFORCEMENT AGENCY", "FEDERAL LAW ENFORCEMENT", "NATIONAL SCIENCE FOUNDATION",
    "EXIM BANK", "EXPORT-IMPORT BANK OF THE UNITED STATES", "OPIC", "BANJA LUKA",
    "OVERSEAS PRIVATE INVESTMENT CORPORATION", "SUPREME COURT JUSTICES", "INTELLIGENCE COMMUNITY",
    "CHINESE CENTRAL MILITARY COMMISSION", "UNITED STATES DEPARTMENT OF COMMERCE",
    "CHINESE PEOPLE'S POLITICAL CONSULTATIVE CONGRESS", "CPPCC", "BUNDESKANZLER",
    "CHINESE PEOPLES POLITICAL CONSULTATIVE CONGRESS", "FEDERAL CHANCELLOR OF GERMANY",
    "GERMAN CHANCELLOR", "AUTONOMOUS KURDISH REGION", "AUTONOMOUS KURDISTAN REGION",
    "IRAQI KURDISTAN", "KURDISTAN PUK", "SEMI AUTONOMOUS KURDISTAN", "KHORASAN GROUP",
    "COUNCIL OF GUARDIANS", "GUARDIAN COUNCIL", "ASSEMBLY OF EXPERTS", "COUNCIL OF EXPERTS",
    "ASSEMBLY OF EXPERTS OF THE LEADERSHIP", "QUDS FORCE", "BASIJ", "BASIJI", "RAJYA SABHA",
    "CENTRAL DIRECTORATE OF INTERIOR INTELLIGENCE", "DCRI", "MI5", "MI6",
    "SECRET INTELLIGENCE SERVICE", "FEDERAL EMERGENCY MANAGEMENT AGENCY", "FEMA",
    "TRANSPORTATION SECURITY ADMINISTRATION", "UNITED STATES BORDER PATROL", "US BORDER PATROL",
    "UNITED STATES CUSTOMS AND BORDER PROTECTION", "US CUSTOMS AND BORDER PROTECTION",
    "UNITED STATES IMMIGRATION AND CUSTOMS ENFORCEMENT", "US IMMIGRATION AND CUSTOMS ENFORCEMENT",
    "BUREAU OF LABOR STATISTICS", "NATIONAL LABOR RELATIONS BOARD", "BUREAU OF INDIAN AFFAIRS",
    "OCCUPATIONAL SAFETY AND HEALTH ADMINISTRATION", "BUREAU OF LAND MANAGEMENT",
    "FISH AND WILDLIFE SERVICE", "UNITED STATES GEOLOGICAL SURVEY", "US NATIONAL PARK SERVICE",
    "FEDERAL AVIATION ADMINISTRATION", "FEDERAL HIGHWAY ADMINISTRATION",
    "NATIONAL HIGHWAY TRAFFIC SAFETY ADMINISTRATION", "NATIONAL TRANSPORTATION SAFETY BOARD",
    "CENTRAL COMMAND", "PACIFIC COMMAND", "JOINT CHIEFS OF STAFF", "PENTAGON", "DARPA",
    "DEFENSE ADVANCED RESEARCH PROJECTS AGENCY", "AFRICOM", "CENTCOM", "EUCOM", "NORTHCOM",
    "PACOM", "SOCOM", "SOUTHCOM", "STRATCOM", "TRANSCOM", "SECDEF", "U.S. CENTRAL COMMAND",
    "UNITED STATES CENTRAL COMMAND", "US CENTRAL COMMAND", "JOINT SPECIAL OPERATIONS COMMAND",
    "SENATE", "HOUSE ARMED SERVICES COMMITTEE", "HOUSE FOREIGN AFFAIRS COMMITTEE",
    "SENATE ARMED SERVICES COMMITTEE", "SENATE FOREIGN RELATIONS COMMITTEE",
    "SENATE INTELLIGENCE COMMITTEE", "SENATE SELECT COMMITTEE ON INTELLIGENCE",
    "NATIONAL GEOSPATIAL-INTELLIGENCE AGENCY", "NATIONAL RECONNAISSANCE OFFICE",
    "NATIONAL SECURITY AGENCY", "NSA", "ODNI", "OFFICE OF THE DIRECTOR OF NATIONAL INTELLIGENCE",
    "OFFICE OF TRANSITION INITIATIVES", "OFFICE OF US FOREIGN DISASTER ASSISTANCE", "OFDA",
    "PLA UNIT 61398", "UNIT 61398", "COALITION HUMANITARIAN LIAISON CELL", "LIWAA AL UMMA",
    "LIWAA AL UMMAH", "LIWAA AL-UMMA", "LIWAA AL-UMMAH", "FURSAN AL HAQQ BRIGADE",
    "AL-AQSA FOUNDATION", "IZZ AD-DIN AL QASSAM", "ISLAMIC JIHAD",
    "ISLAMIC JIHAD FOR THE LIBERATION OF PALESTINE", "REVOLUTIONARY JUSTICE ORGANIZATION",
    "ORGANIZATION OF THE OPPRESSED ON EARTH", "RUSSIAN WHITE HOUSE", "EXECUTIVE OFFICE OF THE "
    "PRESIDENT OF THE UNITED STATES", "CHAIRMAN OF THE FEDERATION COUNCIL",
    "GENERAL SECRETARY OF THE CENTRAL COMMITTEE OF CHINA", "CHINESE CENTRAL COMMITTEE",
    "BUNDESREGIERUNG", "HEALTH CARE ORGANIZATION FOR AFRICA",
}
# People filed as entries in Phoenix International/MilNonState (no date, no ~ELI code, so no
# rule can tell them from organisations; read off the dictionaries by hand), plus Phoenix
# phrases that are roles or stock phrases. Compared exactly, UPPERCASE as in actors.tsv.
PHOENIX_PERSON_ENTRIES = {
    "A G KISHORE", "A. G. KISHORE", "A.G. KISHORE", "ABDUL KARIM TUNDA", "ABDUL TURQ",
    "ABDULLAH ANSHORI", "ABDULLAH SUNGKAR", "ABRAHAM ABRAHAM", "ABU A HUSSAIN", "ABU A. HUSSAIN",
    "ABU ABDULLAH", "ABU AL-ABBAS", "ABU AL-WALID", "ABU AYYUB AL MASRI", "ABU BAKAR",
    "ABU DJAFAR", "ABU H LALA", "ABU HAFS AL URDUNI", "ABU HUSSAIN", "ABU MOHKTAR", "ABU MUSAB",
    "ABU NAYAF AL-AFGHANI", "ABU OMAR AL SAIF", "ABU RUSYDAN", "ABU SALEM", "ABU SARTAJ",
    "ABU SOLAIMAN", "ABU TALHA", "ACHARYA G", "ACHARYA G KISHORE", "ACHARYA KISHORE",
    "AFTAB AHMED", "AG KISHORE", "AINAL BAHRI", "AL HAWSAWI", "ALTAF HUSSAIN", "AM WANI",
    "AMANULLAH KHAN", "ARIF HUSSAIN", "ARIYANAYAGAM CHANDRA NEHRU", "ASDHVI RITAMBHARA",
    "ASGAR MUQADAM", "ASGHAR MUKADAM", "ASGHAR MUQADAM", "ASHFAQ M WANI", "ASHFAQ WANI",
    "ASHOK SINGHAL", "AYMAN AL ZAWAHIRI", "AZAHARI BIN HUSIN", "BA'ASYIR", "BAKAR BASHIR",
    "BASHIR AHMED", "BASHIR MALWA", "BEGUM FARIDA", "BIN ISOMODDIN", "BRIAN MURGATROYD",
    "BROTHER JULIAN", "CARLOS", "CATHERINE ASHTON", "CHARLES WHITELEY", "COMMANDER KASTARI",
    "COMMANDER KASTERI", "COMMANDER KHATTAB", "DAVID MATHIESON", "DEBBIE STOTHARD",
    "DILXAT RAXIT", "DOLQUN ISA", "DULMATIN", "EBU ENES", "EJEVIOME ELOH OTOBO", "EMIR KHATTAB",
    "ENCEP NURJAMAN", "ERNST STAVRO BLOFELD", "EXTREMIST ABU SAYYAF", "EYAL", "FAROOQ PAWALE",
    "FUMIHIRO JOYU", "FUSAKO SHIGENOBU", "GHAZI BABA", "GHULAM BUTT", "GHULAM N BUTT",
    "GILLIAN MELLSOP", "GLENN GREENWALD", "GRACCHUS BABEUF", "GRAEME WHEELER", "HAFIZ SAEED",
    "HAMBALI", "HAMZAH", "HATAFAKA LALA", "HELEN CAMPBELL", "HONG KIL DONG", "IBN AL-KHATTAB",
    "ISNILON", "ISNILON T HAPILON", "JAMAL AL FADL", "JAN ERIK WILHELMSEN", "JANJALANI",
    "JAVED AHMAD MIR", "JOHANNESE SCHAEHINGER", "JOSEPH PARARAJASINGHAM", "KAFEEL AHMED",
    "KHALID SHEIKH MOHAMMED", "KULWINDER MALI", "KULWINDER S MALI", "LENA SUNDH", "LOUISE ARBOUR",
    "LYONPO CHENKYAB DORJI", "MANFRED NOWAK", "MARIE STOPES", "MARY WERNTZ", "MATTHEW KAHANE",
    "MICHELE MONTAS", "MOHAMMAD IQBAL MOHAMMED YUSUF SHAIKH", "MOHAMMAD IQBAL SHAIKH",
    "MOHAMMAD TOP", "MOHAMMAD YASIN MALIK", "MOHAMMED AFROZ", "MOHAMMED ATEF",
    "MOHAMMED MUSHTAQ TARANI", "MOHAMMED TOP", "MOHMMAD ASHRAF", "MUHANNAD", "MURAD EBRAHIM",
    "MUSHTAQ A LONE", "NABILA A. GOLDI MZALI", "NAW SAY PHAW", "NGARMSUK RATTANASATHIEN",
    "NICHOLAS COSTELLO", "NICK CHEESMAN", "NURJAMAN RIDUAN BIN ISOMODDIN", "ONG KENG YONG",
    "OPIA MENSAH KUMAH", "OSAMA BIN LADEN", "PERVEZ SHEIKH", "PETER CORDINGLEY", "PHELIM KYNE",
    "PHILIP ALSTON", "R K PACHAURI", "R.K. PACHAURI", "RA'S AL GHUL", "RALPH FIENNES",
    "RICHARD RAGAN", "RIDUAN ISAMUDDIN", "RIDUAN ISAMUDIN", "RIDUAN ISOMUDDIN", "RIDUAN ISOMUDIN",
    "S S MAITRA", "S SARANGI", "S. S. MAITRA", "S.S. MAITRA", "SABIR SINGH", "SALAMAT HASHIM",
    "SALAUDDIN", "SAMLEE PLIANBANGCHANG", "SATINATH SARANGI", "SELAMAT KASTARI",
    "SELAMAT KASTERI", "SHABIR SIDDIQI", "SHAHIN", "SHAHNAWAZ QURESHI", "SHEIKH ABDUL HAMID",
    "SHEIKH HAMID", "SHOAIB GHANSAR", "SHOKO ASHAHARA", "SRI NAKHARO", "SS MAITRA",
    "STEFAN FROWEIN", "SUNGKAR", "TAUFIK RIFKI", "THAN DOKE", "THORIQUDIN", "TIGER MEMON",
    "TOTONI HAPILON", "UMAR PATEK", "UMAR SHAHEEN", "V H DALMIYA", "YAZID SUFAAT", "ZARKASIH",
    "ZULKARNAEN", "ZULKIFLI BIN HIR",
}

# Split-up entries: these aliases get their own org id instead of their Phoenix entry's.
ORG_ALIAS_IDS = {
    "BUNDESTAG": ("DEU_BUNDESTAG", "Bundestag"),
    "BUNDESRAT": ("DEU_BUNDESRAT", "Bundesrat"),
    "DUMA": ("RUS_STATE_DUMA", "State Duma"), "STATE DUMA": ("RUS_STATE_DUMA", "State Duma"),
    "FEDERATION COUNCIL": ("RUS_FEDERATION_COUNCIL", "Federation Council"),
    "GCHQ": ("GBR_GCHQ", "Government Communications Headquarters"),
    "CIA": ("USA_CIA", "Central Intelligence Agency"),
    "CENTRAL INTELLIGENCE AGENCY": ("USA_CIA", "Central Intelligence Agency"),
    "DEPARTMENT OF DEFENSE": ("USA_DOD", "United States Department of Defense"),
    "DEFENSE DEPARTMENT": ("USA_DOD", "United States Department of Defense"),
    "DOD": ("USA_DOD", "United States Department of Defense"),
    "US HOUSE OF REPRESENTATIVES": ("USA_HOUSE", "United States House of Representatives"),
    "UNITED STATES HOUSE OF REPRESENTATIVES": ("USA_HOUSE",
                                               "United States House of Representatives"),
    "US SENATE": ("USA_SENATE", "United States Senate"),
    "REICHSTAG": ("DEU_BUNDESTAG", "Bundestag"),
}


# ---------------------------------------------------------------------------------------------
# countries.csv
# ---------------------------------------------------------------------------------------------

def iso3_of(code: str, known: set[str]) -> str:
    """ISO3 for a country code as the dictionaries write it, or "" if it is not a country.

    Handles mledoze's "UNK" (Kosovo), CAMEO's KSV/TMP, territory codes such as GBRFLK, and
    CountryInfo's history strings "[YUGHRV <20910625][HRV >20030101]" (the current code last).
    """
    code = code.strip()
    if code.startswith("["):
        current = re.findall(r"\[([A-Z]{3,6}) >\d{8}\]", code)
        return iso3_of(current[-1], known) if current else ""
    code = ISO3_OVERRIDES.get(code, code)
    if code in TERRITORY_CODES:
        return TERRITORY_CODES[code]
    if code in known:
        return code
    if len(code) == 6:
        if code[3:] in known:
            return code[3:]
        if code[:3] in known:
            return code[:3]
    return ""


def countries(dictionaries: Path) -> list[dict[str, str]]:
    """One row per country or territory in mledoze/countries, keyed by ISO3.

    capital is the first listed capital (South Africa: Pretoria); all capitals are aliases.
    capital_lat/capital_lng are empty: no source on disk has capital coordinates.
    """
    rows = []
    for r in read_tsv(dictionaries / "countries/countries.tsv"):
        capitals = split_multi(r["capital"])
        rows.append({
            "iso3": ISO3_OVERRIDES.get(r["cca3"], r["cca3"]),
            "iso2": r["cca2"],
            "name": r["name_common"],
            "capital": capitals[0] if capitals else "",
            "lat": r["lat"],
            "lng": r["lng"],
            "capital_lat": "",
            "capital_lng": "",
            "region": r["region"],
            "subregion": r["subregion"],
        })
    return sorted(rows, key=lambda row: row["iso3"])


# ---------------------------------------------------------------------------------------------
# country_aliases.csv
# ---------------------------------------------------------------------------------------------

# Strength of a claim on an alias (rule 3): lower is stronger.
KIND_RANK = {"name": 0, "official_name": 1, "capital": 2, "demonym": 3, "alt_name": 4,
             "city": 5}
OWN_KINDS = {"name", "official_name", "capital", "demonym"}

DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ch", "ic", "ene", "ot", "er", "ite")


def country_aliases(dictionaries: Path, country_rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per alias of a country (alias unique, case-insensitively), with its kind."""
    known = {c["iso3"] for c in country_rows}
    mledoze = read_tsv(dictionaries / "countries/countries.tsv")
    un_members = {ISO3_OVERRIDES.get(r["cca3"], r["cca3"]) for r in mledoze
                  if r["un_member"] == "True"}
    claims: list[tuple[str, str, str, int]] = []  # (alias, iso3, kind, source rank)

    def claim(alias: str, iso3: str, kind: str, source: int) -> None:
        alias = squash(alias)
        if iso3 not in known or not alias or not is_clean_shape(alias):
            return
        if source >= 2 and (any(c.isdigit() for c in alias)
                            or (alias.upper() in known and alias not in ACRONYMS)):
            return  # "CN 54", and ISO codes that natural case would turn into words ("Bih")
        claims.append((alias, iso3, kind, source))

    # 1 = mledoze (mixed case, authoritative names)
    demonyms: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    for r in mledoze:
        iso3 = ISO3_OVERRIDES.get(r["cca3"], r["cca3"])
        claim(r["name_common"], iso3, "name", 1)
        claim(r["name_official"], iso3, "official_name", 1)
        for alt in split_multi(r["alt_spellings"]):
            claim(alt, iso3, "alt_name", 1)
        for cap in split_multi(r["capital"]):
            claim(cap, iso3, "capital", 1)
            if cap.endswith(" D.C."):
                claim(cap[:-5], iso3, "capital", 1)
        for dem in {r["demonym_m"], r["demonym_f"]}:
            if dem:
                claim(dem, iso3, "demonym", 1)
                demonyms[iso3].add(fold(dem))
        names[iso3].update(fold(n) for n in [r["name_common"], r["name_official"],
                                             *split_multi(r["alt_spellings"])])
    all_demonyms = set().union(*demonyms.values())

    # 2 = CountryInfo (UPPERCASE)
    regions: dict[str, set[str]] = defaultdict(set)
    for r in read_tsv(dictionaries / "countries/countryinfo_countries.tsv"):
        iso3 = _countryinfo_iso3(r, known, names, mledoze)
        if not iso3:
            continue
        claim(natural_case(r["name"]), iso3, "alt_name", 2)
        for i, syn in enumerate(split_multi(r["nationality_and_synonyms"])):
            alias = natural_case(syn)
            is_demonym = fold(alias) in all_demonyms or (
                i == 0 and " " not in alias and alias.lower().endswith(DEMONYM_ENDINGS))
            claim(alias, iso3, "demonym" if is_demonym else "alt_name", 2)
        for cap in split_multi(r["capital"]):
            claim(natural_case(cap), iso3, "capital", 2)
        for city in split_multi(r["major_cities"]):
            claim(natural_case(city), iso3, "city", 2)
        for col in ("regions", "geog_features"):
            regions[iso3].update(fold(natural_case(v)) for v in split_multi(r[col]))

    # 3 = Phoenix country synonyms that neither source above has: conflict-zone places
    # (Raqqa, Kobani, Helmand) and spellings. Regions/features CountryInfo lists stay out.
    classified = {(fold(a), iso3) for a, iso3, _, _ in claims}
    for r in read_tsv(dictionaries / "petrarch-phoenix/actors.tsv"):
        if r["dictionary"] != "Phoenix.Countries.actors.txt" or len(r["code"]) != 3:
            continue
        if r["valid_to"]:  # an alias that stopped applying (pre-2003 Iraq, East Germany)
            continue
        iso3 = iso3_of(r["code"], known)
        alias = natural_case(r["phrase"])
        if (fold(alias), iso3) in classified or fold(alias) in regions[iso3]:
            continue
        claim(alias, iso3, _phoenix_place_kind(alias, iso3, names, demonyms), 3)

    # Plural demonyms: "Americans", "South Koreans", "Israelis" are how news names a people.
    for alias, iso3, kind, source in list(claims):
        if kind == "demonym" and " or " not in alias:
            if alias.endswith("man"):
                claim(alias[:-3] + "men", iso3, "demonym", source)
            elif alias.endswith(("an", "i")):
                claim(alias + "s", iso3, "demonym", source)

    for alias, iso3, kind in CURATED_COUNTRY_ALIASES:
        claim(alias, iso3, kind, 0)

    return _resolve_country_claims(claims, un_members)


def _countryinfo_iso3(r, known, names, mledoze) -> str:
    """ISO3 of a CountryInfo row. Its iso3 column says GBR for Jersey and FRA for Mayotte,
    and its iso2 column is sometimes a FIPS code (Myanmar "MZ" = Mozambique in ISO), so take
    whichever of the two codes names a country called what the row is called."""
    by_iso3 = iso3_of(r["iso3"], known)
    iso2_map = {m["cca2"]: ISO3_OVERRIDES.get(m["cca3"], m["cca3"]) for m in mledoze}
    by_iso2 = iso2_map.get(r["iso2"], "")
    name = fold(natural_case(r["name"]))
    for candidate in (by_iso3, by_iso2):
        if candidate and name in names[candidate]:
            return candidate
    return by_iso3 or by_iso2


def _phoenix_place_kind(alias: str, iso3: str, names, demonyms) -> str:
    """Phoenix-only synonyms: a form of the country's name or demonym ("Peoples Republic of
    China", "S. Korean") is an alt_name/demonym; anything else is a place inside it."""
    folded = fold(alias)
    last = folded.rstrip("s").split(" ")[-1].split(".")[-1]
    if any(d and (folded.rstrip("s") == d or last == d.split(" ")[-1]) for d in demonyms[iso3]):
        return "demonym"
    if any(len(n) >= 4 and n in folded for n in names[iso3]) or any(
            len(d) >= 4 and d in folded for d in demonyms[iso3]):
        return "alt_name"
    return "city"


def _resolve_country_claims(claims, un_members) -> list[dict[str, str]]:
    """Apply rules 2, 3 and 5 of the module docstring to the collected claims."""
    by_key: dict[str, list[tuple[str, str, str, int]]] = defaultdict(list)
    for c in claims:
        by_key[alias_key(c[0])].append(c)
    rows = []
    for key, group in sorted(by_key.items()):
        curated = [c for c in group if c[3] == 0]
        if curated:
            group = curated
        # each country's strongest claim
        best: dict[str, tuple[str, str, str, int]] = {}
        for c in sorted(group, key=lambda c: (KIND_RANK[c[2]], c[3], c[0])):
            best.setdefault(c[1], c)
        if not curated and fold(key) in STOP_ALIASES and not any(
                c[2] == "name" for c in best.values()):
            continue
        if len(best) > 1:
            winner = _strongest_claim(list(best.values()), un_members)
            if winner is None:
                continue
            best = {winner[1]: winner}
        (chosen,) = best.values()
        surface = _preferred_surface([c for c in group if c[1] == chosen[1]])
        rows.append({"alias": surface, "iso3": chosen[1], "kind": chosen[2]})
    return sorted(rows, key=lambda r: (r["alias"], r["iso3"]))


def _strongest_claim(best_claims, un_members):
    own = [c for c in best_claims if c[2] in OWN_KINDS]
    if not own:
        return None
    top = min(KIND_RANK[c[2]] for c in own)
    strongest = [c for c in own if KIND_RANK[c[2]] == top]
    if len(strongest) == 1:
        return strongest[0]
    members = [c for c in strongest if c[1] in un_members]
    return members[0] if len(members) == 1 else None


def _preferred_surface(group) -> str:
    # Curated spelling first, then mledoze's mixed case, then our natural-cased UPPERCASE.
    return sorted(group, key=lambda c: (c[3], KIND_RANK[c[2]], c[0]))[0][0]


# ---------------------------------------------------------------------------------------------
# organisations.csv
# ---------------------------------------------------------------------------------------------

# Source strength for rule 4 (lower wins).
ORG_SOURCE_RANK = {"curated": 0, "countries": 1, "igo": 2, "armed": 3, "media": 4, "ngo": 5}


def normalise_org_name(phrase: str) -> str:
    """Folded name used to merge spelling variants of one organisation's entry."""
    text = fold(phrase)
    text = re.sub(r"^the ", "", text)
    text = text.replace("organisation", "organization").replace("co-operation", "cooperation")
    text = text.replace("labour", "labor").replace("programme", "program").replace("u.n.", "un")
    return squash(text)


def slug(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", fold(text).upper()).strip("_")


def person_names(dictionaries: Path) -> set[str]:
    """Folded names of people: CountryInfo office holders and Phoenix ~ELI (elite) entries."""
    names = set()
    for r in read_tsv(dictionaries / "countries/countryinfo_leaders_officials.tsv"):
        for variant in re.findall(r"\{([^}]*)\}", r["name"]) or [r["name"]]:
            if variant.strip():
                names.add(fold(variant))
    for r in read_tsv(dictionaries / "petrarch-phoenix/actors.tsv"):
        if r["code"].endswith("ELI") or r["code"] == "ELI":
            names.add(fold(r["entry"]))
            names.add(fold(r["phrase"]))
    return names


def _looks_like_person(phrase: str, people: set[str], surnames: set[str]) -> bool:
    words = phrase.split()
    if fold(phrase) in people or any(w.strip(".") in ROLE_WORDS for w in words):
        return True
    if len(words) == 1:
        return fold(phrase) in surnames
    return False


def _lacks_org_word(phrase: str) -> bool:
    return len(phrase.split()) > 1 and not any(
        w.strip(".,'") in ORG_WORDS for w in re.split(r"[\s-]+", phrase))


def organisations(dictionaries: Path, country_rows: list[dict[str, str]],
                  alias_rows: list[dict[str, str]], sectors: set[str]) -> list[dict[str, str]]:
    """One row per organisation alias (unique case-insensitively) with its organisation.

    No derived alias may be a country alias too ("RED FLAG (VENEZUELA)" must not make
    "Venezuela" a name of the group): places win, curated organisations excepted."""
    place_aliases = {alias_key(r["alias"]) for r in alias_rows}
    known = {c["iso3"] for c in country_rows}
    people = person_names(dictionaries)
    surnames = {p.split()[-1] for p in people if len(p.split()) > 1}
    actors = read_tsv(dictionaries / "petrarch-phoenix/actors.tsv")
    # Short single-word names in the organisation dictionaries are acronyms (UNDP, OHCHR):
    # they stay upper case inside longer aliases too ("OHCHR Nepal").
    acronyms = {r["phrase"] for r in actors if _international_source(r) in {"igo", "ngo", "media"}
                and r["phrase"].isalpha() and len(r["phrase"]) <= 5
                and r["phrase"] not in WORD_NAMES and fold(r["phrase"]) not in ORG_STOP_ALIASES}

    orgs: dict[str, dict[str, str]] = {}  # org_id -> name, country, sector, kind
    claims: list[tuple[str, str, int, int]] = []  # (alias, org_id, source rank, is_synonym)

    def add_claim(phrase: str, org_id: str, source: str, is_synonym: bool) -> None:
        alias = _org_case(phrase, acronyms)
        if not is_clean_shape(alias) or fold(alias) in STOP_ALIASES | ORG_STOP_ALIASES:
            return
        if alias_key(alias) in place_aliases:
            return
        claims.append((alias, org_id, ORG_SOURCE_RANK[source], int(is_synonym)))

    def define(org_id: str, name: str, country: str, sector: str, kind: str) -> None:
        org = orgs.setdefault(org_id, {"name": name, "country": country, "sector": sector,
                                       "kind": kind})
        if " " not in org["name"] and " " in name:  # "IMF" -> "International Monetary Fund"
            org["name"] = name

    # Phoenix.Countries: institutions on the allow-list only.
    for r in actors:
        if r["dictionary"] != "Phoenix.Countries.actors.txt" or r["valid_from"] or r["valid_to"]:
            continue
        if r["entry"] not in PHOENIX_COUNTRY_ORGS:
            continue
        entry, phrase = r["entry"], r["phrase"]
        if phrase in ORG_ALIAS_DROPS or _looks_like_person(phrase, people, surnames):
            continue
        is_split = phrase in ORG_ALIAS_IDS
        if phrase != entry and not is_split and not _plausible_synonym(phrase, entry):
            continue  # "MASOUD BARZANI" filed under the Kurdistan Regional Government
        org_id, kind, name = PHOENIX_COUNTRY_ORGS[entry]
        iso3 = iso3_of(r["code"][:3], known)
        sector = "REB" if kind == "armed_group" else _institution_sector(r["code"][3:], sectors)
        if is_split:
            org_id, name = ORG_ALIAS_IDS[phrase]
        define(org_id, name, iso3, sector, kind)
        add_claim(phrase, org_id, "countries", phrase != entry)

    # Phoenix.International (IGOs, NGOs, media) and Phoenix.MilNonState (armed groups).
    for r in actors:
        source = _international_source(r)
        if source is None or r["valid_from"] or r["valid_to"]:
            continue
        entry, phrase, code = r["entry"], r["phrase"], r["code"]
        if {phrase, entry} & (ORG_ALIAS_DROPS | PHOENIX_PERSON_ENTRIES):
            continue
        if fold(entry) in ORG_STOP_ALIASES or _looks_like_person(entry, people, surnames):
            continue
        if _looks_like_person(phrase, people, surnames):
            continue
        is_synonym = phrase != entry
        if source == "armed":
            # Synonyms in MilNonState are often leaders' names; keep organisation-shaped
            # synonyms and spelling variants of the entry only.
            if is_synonym and not _plausible_synonym(phrase, entry):
                continue
        org_id, name = _org_identity(entry, acronyms)
        if " " not in name and " " in phrase:  # entry "IMF", synonym "INTERNATIONAL ..."
            name = _org_case(phrase, acronyms)
        country, sector, kind = _org_attributes(source, code, known, sectors)
        define(org_id, name, country, sector, kind)
        for part in _alias_parts(phrase):
            if source == "armed" and part != entry and " " not in part and len(part) <= 3:
                continue  # "CAR", "ANA", "LET": three letters are too ambiguous in news
            add_claim(part, org_id, source, is_synonym or part != phrase)

    for org_id, name, country, sector, kind, aliases in CURATED_ORGANISATIONS:
        orgs[org_id] = {"name": name, "country": country, "sector": sector, "kind": kind}
        for alias in aliases:
            claims.append((alias, org_id, ORG_SOURCE_RANK["curated"], 0))

    return _resolve_org_claims(claims, orgs)


def _plausible_synonym(phrase: str, entry: str) -> bool:
    """A Phoenix synonym that names the organisation itself, not its leader: it has an
    organisation word, is an acronym, or is a spelling variant of the entry."""
    if " " in phrase:
        return not _lacks_org_word(phrase) or _similar(phrase, entry)
    return len(phrase) <= 5 or phrase in ACRONYMS or _similar(phrase, entry)


def _similar(phrase: str, entry: str) -> bool:
    """A spelling variant of the entry ("HIZBULLAH" for "HEZBOLLAH", "PESH MERGA")."""
    return difflib.SequenceMatcher(None, fold(phrase), fold(entry)).ratio() >= 0.75


def _org_case(phrase: str, acronyms: set[str]) -> str:
    """Organisation alias in natural case: acronyms upper ("NATO", "UNHCR"), one-word names
    in title case ("Hamas", "Interpol", "McClatchy"), phrases via natural_case()."""
    if not _is_upper(phrase):
        return squash(phrase)
    phrase = squash(phrase.upper())
    if " " not in phrase and "-" not in phrase:
        if phrase in WORD_NAMES or (len(phrase) > 5 and phrase not in ACRONYMS):
            return _capitalise(phrase)
        return phrase
    return natural_case(phrase, acronyms)


def _is_upper(phrase: str) -> bool:
    # Phoenix has a few half-cased phrases ("PEOPLE's LIBERATION ARMY"): treat as UPPERCASE.
    return not any(c.islower() for c in re.sub(r"'s\b", "", phrase))


def _institution_sector(code_tail: str, sectors: set[str]) -> str:
    """Sector of a state institution from its code after the country: the specific arm if
    there is one (ISRGOVLEG -> LEG, USAGOVJUD -> JUD, USAMILSPY -> MIL), else the first."""
    blocks = [code_tail[i:i + 3] for i in range(0, len(code_tail) - 2, 3)]
    for block in blocks:
        if block in {"LEG", "JUD", "MIL", "SPY", "COP"}:
            return block
    return first_sector(code_tail, sectors)


def _international_source(r: dict[str, str]) -> str | None:
    if r["dictionary"] == "Phoenix.MilNonState.actors.txt":
        return "armed"
    if r["dictionary"] != "Phoenix.International.actors.txt":
        return None
    if r["code"].startswith("IGO"):
        return "igo"
    if r["code"].startswith("NGO"):
        return "ngo"
    if r["code"] == "MED":
        return "media"
    return None  # MNC (companies) and unclassified entries are out of scope


def _org_identity(entry: str, acronyms: set[str]) -> tuple[str, str]:
    """(org_id, display name) for a Phoenix International/MilNonState entry."""
    base = re.sub(r"\s*\([^)]*\)\s*$", "", entry)  # "BASQUE FATHERLAND AND FREEDOM (ETA)"
    key = normalise_org_name(base)
    if key in ORG_ID_BY_ENTRY:
        org_id = ORG_ID_BY_ENTRY[key]
    elif " " not in base and "." not in base:
        org_id = slug(base)
    else:
        org_id = slug(key)
    return org_id, _org_case(re.sub(r"^THE ", "", base), acronyms)


def _org_attributes(source: str, code: str, known: set[str],
                    sectors: set[str]) -> tuple[str, str, str]:
    """(country, sector, kind) from the Phoenix code of an International/MilNonState entry."""
    if source == "igo":
        return "IGO", first_sector(code[3:], sectors), "igo"
    if source == "ngo":
        country = iso3_of(code[3:6], known) if len(code) >= 6 else ""
        return country, first_sector(code[3:], sectors), "ngo"
    if source == "media":
        return "", "MED", "media"
    return iso3_of(code[:3], known), "REB", "armed_group"


def _alias_parts(phrase: str) -> list[str]:
    """"IRISH REPUBLICAN ARMY (IRA)" -> the name and, if 3+ letters, the acronym."""
    m = re.fullmatch(r"(.*\S)\s*\(([A-Z][A-Z0-9-]{2,7})\)", phrase)
    if m:
        return [m.group(1), m.group(2)]
    return [phrase]


def _resolve_org_claims(claims, orgs) -> list[dict[str, str]]:
    """Rule 4 and 5 of the module docstring: one organisation per alias."""
    by_key: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for c in claims:
        by_key[fold(c[0])].append(c)
    rows = []
    for key, group in sorted(by_key.items()):
        top = min((c[2], c[3]) for c in group)
        winners = {c[1] for c in group if (c[2], c[3]) == top}
        if len(winners) != 1:
            continue
        (org_id,) = winners
        surface = sorted(c[0] for c in group if c[1] == org_id and (c[2], c[3]) == top)[0]
        org = orgs[org_id]
        rows.append({"alias": surface, "org_id": org_id, "name": org["name"],
                     "country": org["country"], "sector": org["sector"], "kind": org["kind"]})
    return sorted(rows, key=lambda r: r["alias"])


# ---------------------------------------------------------------------------------------------
# titles.csv
# ---------------------------------------------------------------------------------------------

# Curated titles: (title, normalized, sector, kind). These win over agents.tsv on conflict.
# Sector is empty where it depends on the organisation ("Chairman" of a party, a company or
# the JCS) or on nothing at all (honorifics).
CURATED_TITLES = [
    # military ranks, abbreviated as AP style and Yonhap write them, and spelled out
    ("Adm.", "Admiral", "MIL", "rank"), ("Admiral", "Admiral", "MIL", "rank"),
    ("Vice Adm.", "Vice Admiral", "MIL", "rank"), ("Vice Admiral", "Vice Admiral", "MIL", "rank"),
    ("Rear Adm.", "Rear Admiral", "MIL", "rank"), ("Rear Admiral", "Rear Admiral", "MIL", "rank"),
    ("Gen.", "General", "MIL", "rank"), ("General", "General", "MIL", "rank"),
    ("Lt. Gen.", "Lieutenant General", "MIL", "rank"),
    ("Lieutenant General", "Lieutenant General", "MIL", "rank"),
    ("Maj. Gen.", "Major General", "MIL", "rank"),
    ("Major General", "Major General", "MIL", "rank"),
    ("Brig. Gen.", "Brigadier General", "MIL", "rank"),
    ("Brigadier General", "Brigadier General", "MIL", "rank"),
    ("Brigadier", "Brigadier", "MIL", "rank"),
    ("Col.", "Colonel", "MIL", "rank"), ("Colonel", "Colonel", "MIL", "rank"),
    ("Lt. Col.", "Lieutenant Colonel", "MIL", "rank"),
    ("Lieutenant Colonel", "Lieutenant Colonel", "MIL", "rank"),
    ("Maj.", "Major", "MIL", "rank"), ("Major", "Major", "MIL", "rank"),
    ("Capt.", "Captain", "MIL", "rank"), ("Captain", "Captain", "MIL", "rank"),
    ("Lt.", "Lieutenant", "MIL", "rank"), ("Lieutenant", "Lieutenant", "MIL", "rank"),
    ("Cmdr.", "Commander", "MIL", "rank"), ("Commander", "Commander", "MIL", "rank"),
    ("Lt. Cmdr.", "Lieutenant Commander", "MIL", "rank"),
    ("Lieutenant Commander", "Lieutenant Commander", "MIL", "rank"),
    ("Commodore", "Commodore", "MIL", "rank"),
    ("Sgt.", "Sergeant", "MIL", "rank"), ("Sergeant", "Sergeant", "MIL", "rank"),
    ("Staff Sgt.", "Staff Sergeant", "MIL", "rank"),
    ("Master Sgt.", "Master Sergeant", "MIL", "rank"),
    ("Cpl.", "Corporal", "MIL", "rank"), ("Corporal", "Corporal", "MIL", "rank"),
    ("Pvt.", "Private", "MIL", "rank"),  # "Private" spelled out is an ordinary word
    ("Marshal", "Marshal", "MIL", "rank"), ("Field Marshal", "Field Marshal", "MIL", "rank"),
    ("Air Marshal", "Air Marshal", "MIL", "rank"),
    ("Air Chief Marshal", "Air Chief Marshal", "MIL", "rank"),
    # military offices
    ("Chairman of the Joint Chiefs of Staff", "Chairman of the Joint Chiefs of Staff", "MIL",
     "office"),
    ("JCS Chairman", "Chairman of the Joint Chiefs of Staff", "MIL", "office"),
    ("Chief of Defense", "Chief of Defense", "MIL", "office"),
    ("Chief of Defence", "Chief of Defense", "MIL", "office"),
    ("Chief of Defence Staff", "Chief of Defense Staff", "MIL", "office"),
    ("Chief of General Staff", "Chief of General Staff", "MIL", "office"),
    ("Chief of the General Staff", "Chief of General Staff", "MIL", "office"),
    ("Chief of Naval Operations", "Chief of Naval Operations", "MIL", "office"),
    ("Chair of the NATO Military Committee", "Chair of the NATO Military Committee", "MIL",
     "office"),
    ("Supreme Allied Commander Europe", "Supreme Allied Commander Europe", "MIL", "office"),
    ("Commander-in-Chief", "Commander-in-Chief", "MIL", "office"),
    # offices whose sector depends on the organisation
    ("Chairman", "Chairman", "", "office"), ("Chairwoman", "Chairwoman", "", "office"),
    ("Chair", "Chair", "", "office"), ("Vice Chairman", "Vice Chairman", "", "office"),
    ("Chief of Staff", "Chief of Staff", "", "office"),
    ("Secretary-General", "Secretary-General", "", "office"),
    ("Secretary General", "Secretary-General", "", "office"),
    ("Director", "Director", "", "office"), ("Director General", "Director General", "", "office"),
    ("Deputy", "Deputy", "", "office"), ("Commissioner", "Commissioner", "", "office"),
    ("spokesman", "spokesperson", "", "role"), ("spokeswoman", "spokesperson", "", "role"),
    ("spokesperson", "spokesperson", "", "role"),
    # government offices
    ("President", "President", "GOV", "office"),
    ("Vice President", "Vice President", "GOV", "office"),
    ("President-elect", "President-elect", "GOV", "office"),
    ("Prime Minister", "Prime Minister", "GOV", "office"), ("Premier", "Premier", "GOV", "office"),
    ("Chancellor", "Chancellor", "GOV", "office"), ("Minister", "Minister", "GOV", "office"),
    ("Deputy Minister", "Deputy Minister", "GOV", "office"),
    ("Vice Minister", "Vice Minister", "GOV", "office"),
    ("Foreign Minister", "Foreign Minister", "GOV", "office"),
    ("Defense Minister", "Defense Minister", "GOV", "office"),
    ("Defence Minister", "Defense Minister", "GOV", "office"),
    ("Unification Minister", "Unification Minister", "GOV", "office"),
    ("Secretary of State", "Secretary of State", "GOV", "office"),
    ("Secretary of Defense", "Secretary of Defense", "GOV", "office"),
    ("Defense Secretary", "Secretary of Defense", "GOV", "office"),
    ("Defence Secretary", "Defence Secretary", "GOV", "office"),
    ("Foreign Secretary", "Foreign Secretary", "GOV", "office"),
    ("National Security Adviser", "National Security Adviser", "GOV", "office"),
    ("National Security Advisor", "National Security Adviser", "GOV", "office"),
    ("General Secretary", "General Secretary", "GOV", "office"),  # of a ruling party
    ("Supreme Leader", "Supreme Leader", "GOV", "office"),
    ("Ambassador", "Ambassador", "GOV", "office"), ("Amb.", "Ambassador", "GOV", "office"),
    ("Envoy", "Envoy", "GOV", "office"), ("Special Envoy", "Special Envoy", "GOV", "office"),
    ("Governor", "Governor", "GOV", "office"), ("Gov.", "Governor", "GOV", "office"),
    ("Mayor", "Mayor", "GOV", "office"),
    ("King", "King", "GOV", "office"), ("Queen", "Queen", "GOV", "office"),
    ("Crown Prince", "Crown Prince", "GOV", "office"), ("Emperor", "Emperor", "GOV", "office"),
    ("Emir", "Emir", "GOV", "office"),
    # legislature and judiciary
    ("Senator", "Senator", "LEG", "office"), ("Sen.", "Senator", "LEG", "office"),
    ("Rep.", "Representative", "LEG", "office"),
    ("Congressman", "Congressman", "LEG", "office"),
    ("Congresswoman", "Congresswoman", "LEG", "office"),
    ("lawmaker", "lawmaker", "LEG", "role"), ("legislator", "legislator", "LEG", "role"),
    ("MP", "Member of Parliament", "LEG", "office"),
    ("Speaker", "Speaker", "LEG", "office"),
    ("Judge", "Judge", "JUD", "office"), ("Chief Justice", "Chief Justice", "JUD", "office"),
    ("Prosecutor", "Prosecutor", "JUD", "office"),
    # religion
    ("Pope", "Pope", "REL", "office"), ("Cardinal", "Cardinal", "REL", "office"),
    ("Archbishop", "Archbishop", "REL", "office"), ("Bishop", "Bishop", "REL", "office"),
    ("Imam", "Imam", "REL", "office"), ("Rabbi", "Rabbi", "REL", "office"),
    ("Ayatollah", "Ayatollah", "REL", "office"),
    # honorifics: no sector
    ("Mr.", "Mr", "", "honorific"), ("Mr", "Mr", "", "honorific"),
    ("Mrs.", "Mrs", "", "honorific"), ("Mrs", "Mrs", "", "honorific"),
    ("Ms.", "Ms", "", "honorific"), ("Ms", "Ms", "", "honorific"),
    ("Dr.", "Doctor", "", "honorific"), ("Dr", "Doctor", "", "honorific"),
    ("Prof.", "Professor", "", "honorific"), ("Sir", "Sir", "", "honorific"),
    ("Dame", "Dame", "", "honorific"), ("Lord", "Lord", "", "honorific"),
    ("Sheikh", "Sheikh", "", "honorific"), ("Prince", "Prince", "", "honorific"),
    ("Princess", "Princess", "", "honorific"),
]

# Heads that make an agents.tsv phrase a title a person can carry (beyond the -er/-ist/... rule).
PERSON_HEADS = set("""
GENERAL CHIEF OFFICIAL SECRETARY DEPUTY ENVOY KING QUEEN PRINCE MONK PRIEST BISHOP RABBI IMAM
MULLAH CLERIC ACADEMIC MEDIC JUDGE NURSE SPY AIDE MP PM CEO VIP LORD LADY ADMIRAL COLONEL
CAPTAIN LIEUTENANT SERGEANT CORPORAL MARSHAL ENSIGN COMMANDO GUERRILLA GUERILLA REBEL
DIPLOMAT CONSUL ATTORNEY MAGISTRATE DELEGATE CANDIDATE PRELATE LEGATE POTENTATE ADVOCATE
HEAD MAJ. COL. GEN. LT. CAPT. CMDR. ENS. BRIGADIER PARLIAMENTARIAN LAWMAKER MONARCH
HIERARCH AUTOCRAT BUREAUCRAT TYRANT DESPOT CHILD GIRL MOTHER SAINT ABBOT PILGRIM SETTLER
CITIZEN CIVILIAN PEASANT BANDIT CROOK CONVICT FELON OUTLAW PIRATE MERCENARY MAFIOSO CRIMINAL
MILITANT INSURGENT DISSIDENT ACTIVIST PROTESTER STUDENT TEACHER EXPERT CONSTABLE TROOPER
SHERIFF DETECTIVE ATTORNEY-GENERAL SPEAKER CHANCELLOR PREMIER PRESIDENT VICTIM ATHLETE
EMPLOYEE REFUGEE DETAINEE RETURNEE ENGINEER SCIENTIST WARDEN EMPRESS PRINCESS ACTRESS
""".split())
PERSON_SUFFIXES = ("ER", "OR", "IST", "IAN", "MAN", "WOMAN", "PERSON", "ANT", "ENT", "EE",
                   "ARCH")
NOT_PERSON_HEADS = set("""
NEWSPAPER CHAMBER ORDER CENTER WATER MANUFACTURER CARRIER DESTROYER CRUISER TANKER
SUPERTANKER FREIGHTER HELICOPTER JETLINER AIRLINER CARMAKER AUTOMAKER STEELMAKER EXPORTER
PRODUCER PROVIDER EMPLOYER REGULATOR SECTOR RAPTOR PREDATOR REAPER ROVER CORRIDOR REACTOR
GOVERNMENT DEPARTMENT DEVELOPMENT MANAGEMENT PARLIAMENT ENFORCEMENT SETTLEMENT REGIMENT
DETACHMENT EQUIPMENT MOVEMENT ENVIRONMENT COMMITTEE PRESIDENT'S SEMI-OFFICIAL UNREPRESENTATIVE
BATTLEWAGON SPECIALIST WAITER WAITRESS PRISONER PASSENGER TOURIST TRAVELER TRAVELLER
MINIST HUMVEE BOMBER FIGHTER-BOMBER JETFIGHTER CONGRESS BUSINESS AGROBUSINESS PRESS MAKER
""".split())
# Aircraft and vehicles that agents.tsv files as ~MIL "agents".
NOT_PERSON_PHRASES = {"FIGHTER BOMBER", "JET FIGHTER", "JOINT STRIKE FIGHTER", "FIGHTER JET",
                      "NIGHTHAWK STEALTH FIGHTER"}
OFFICE_HEADS = set("""
MINISTER SECRETARY PRESIDENT PREMIER CHANCELLOR GOVERNOR MAYOR AMBASSADOR ENVOY CONSUL SENATOR
CONGRESSMAN CONGRESSWOMAN CONGRESSPERSON LEGISLATOR JUDGE PROSECUTOR MAGISTRATE SPEAKER KING
QUEEN PRINCE EMPEROR EMPRESS MONARCH CHIEF DIRECTOR COMMISSIONER ATTORNEY ATTORNEY-GENERAL
DEPUTY UNDERSECRETARY CHAIRMAN HEAD PARLIAMENTARIAN MP PM SHERIFF CONSTABLE COUNSELOR
COUNCILOR DELEGATE LEGATE
""".split())
RANK_HEADS = {"ADMIRAL", "COLONEL", "CAPTAIN", "LIEUTENANT", "SERGEANT", "CORPORAL", "MARSHAL",
              "ENSIGN", "BRIGADIER", "MAJ.", "COL.", "GEN.", "LT.", "CAPT.", "CMDR.", "ENS.",
              "GENERAL", "SUBLIEUTENANT", "GENERALISSIMO"}
# Words that keep their capital inside a lower-cased title.
PROPER_TITLE_WORDS = {"buddhist", "catholic", "christian", "muslim", "moslem", "islamic",
                      "jewish", "hindu", "sikh", "shia", "shiite", "sunni", "protestant",
                      "orthodox", "anglican", "maronite", "torah", "koran", "quran", "un",
                      "eu", "us", "u.s.", "nato", "mp", "ceo", "vip", "pm", "tv", "ngo",
                      "wahhabi", "salafi", "hasid", "hasidim", "unitarian", "janjaweed"}
US_SPELLING = {"defence": "defense", "labour": "labor", "programme": "program",
               "counsellor": "counselor", "councillor": "councilor", "offence": "offense"}
# Abbreviations spelled out in the normalized column ("army Lt." -> "army Lieutenant").
ABBREVIATED_WORDS = {"lt.": "Lieutenant", "gen.": "General", "col.": "Colonel", "maj.": "Major",
                     "capt.": "Captain", "cmdr.": "Commander", "ens.": "Ensign",
                     "brig.": "Brigadier", "1st": "First", "2nd": "Second"}


def titles(dictionaries: Path, sectors: set[str]) -> list[dict[str, str]]:
    """One row per title, rank, office or role phrase (unique case-insensitively)."""
    rows: dict[str, dict[str, str]] = {}
    for title, normalized, sector, kind in CURATED_TITLES:
        rows.setdefault(fold(title), {"title": title, "normalized": normalized,
                                      "sector": sector, "kind": kind})
    agents = read_tsv(dictionaries / "petrarch-phoenix/agents.tsv")
    phrases = {a["phrase"] for a in agents}
    for a in agents:
        phrase, code = squash(a["phrase"]), a["code"]
        if not code.startswith("~") or any(c in phrase for c in "{}!()/"):
            continue
        head = _title_head(phrase)
        if head is None or phrase in NOT_PERSON_PHRASES:
            continue
        if _is_plural_variant(phrase, head, phrases):
            continue
        title = _title_case(phrase)
        if fold(title) in rows:
            continue
        sector = first_sector(code[1:], sectors)
        rows[fold(title)] = {"title": title, "normalized": _normalized_title(title),
                             "sector": sector, "kind": _title_kind(head, sector)}
    return sorted(rows.values(), key=lambda r: r["title"])


def _title_head(phrase: str) -> str | None:
    """The person noun a title phrase is built on, or None if it names no person."""
    words = phrase.split()
    for i, w in enumerate(words[1:], start=1):
        if w in {"OF", "FOR", "TO", "IN", "ON", "AT"}:
            words = words[:i]
            break
    head = words[-1]
    if head in NOT_PERSON_HEADS or head.endswith("MENT"):
        return None
    if head in PERSON_HEADS or head in OFFICE_HEADS or head in RANK_HEADS:
        return head
    if head.endswith(PERSON_SUFFIXES) and len(head) > 3:
        return head
    return None


def _is_plural_variant(phrase: str, head: str, phrases: set[str]) -> bool:
    singulars = []
    if head.endswith("MEN"):
        singulars.append(head[:-3] + "MAN")
    if head.endswith("IES"):
        singulars.append(head[:-3] + "Y")
    if head.endswith("S") and not head.endswith("SS"):
        singulars.append(head[:-1])
    if head.endswith("MEN") or head.endswith("PEOPLE"):
        return True
    return any(phrase.replace(head, s, 1) in phrases for s in singulars)


def _title_case(phrase: str) -> str:
    """agents.tsv phrases lower-cased except proper words: "UN ENVOY" -> "UN envoy"."""
    out = []
    for word in phrase.split():
        low = word.lower()
        if low in PROPER_TITLE_WORDS:
            out.append(word if low in {"un", "eu", "us", "u.s.", "nato", "mp", "ceo", "vip",
                                       "pm", "tv", "ngo"} else word.capitalize())
        elif low.endswith(".") and len(low) <= 5:  # abbreviated ranks: "Maj.", "Lt."
            out.append(word.capitalize())
        else:
            out.append(low)
    return " ".join(out)


def _normalized_title(title: str) -> str:
    words = [ABBREVIATED_WORDS.get(w.lower(), US_SPELLING.get(w, w)) for w in title.split()]
    return " ".join(words)


def _title_kind(head: str, sector: str) -> str:
    # "attorney general" is an office, "general of the army" a rank: the sector decides.
    if head in RANK_HEADS and sector == "MIL":
        return "rank"
    if head in OFFICE_HEADS or head in RANK_HEADS:
        return "office"
    return "role"


# ---------------------------------------------------------------------------------------------
# office_holders.csv
# ---------------------------------------------------------------------------------------------

# Current and recent office holders that matter for modern news (CountryInfo stops in 2012).
# (name, iso3, sector, title, start_date, end_date). Empty end = still in office or unsure.
CURATED_OFFICE_HOLDERS = [
    # North Korea: succeeded Kim Jong Il on his death, 2011-12-17
    ("Kim Jong Un", "PRK", "GOV", "Supreme Leader", "2011-12-17", ""),
    # South Korea
    ("Park Geun-hye", "KOR", "GOV", "President", "2013-02-25", "2017-03-10"),  # removed by court
    ("Moon Jae-in", "KOR", "GOV", "President", "2017-05-10", "2022-05-09"),
    ("Yoon Suk Yeol", "KOR", "GOV", "President", "2022-05-10", "2025-04-04"),  # removed by court
    ("Lee Jae-myung", "KOR", "GOV", "President", "2025-06-04", ""),
    # JCS chairman from 2023-10-25; replaced in 2025 on a date we have not confirmed: end empty
    ("Kim Myung-soo", "KOR", "MIL", "Chairman of the Joint Chiefs of Staff", "2023-10-25", ""),
    # Russia: Putin's second presidency and premiership (CountryInfo has his first terms)
    ("Vladimir Putin", "RUS", "GOV", "Prime Minister", "2008-05-08", "2012-05-07"),
    ("Vladimir Putin", "RUS", "GOV", "President", "2012-05-07", ""),
    ("Dmitry Medvedev", "RUS", "GOV", "Prime Minister", "2012-05-08", "2020-01-16"),
    # China: Xi became CPC General Secretary on 2012-11-15 and state President on 2013-03-14
    ("Xi Jinping", "CHN", "GOV", "General Secretary of the Communist Party", "2012-11-15", ""),
    ("Xi Jinping", "CHN", "GOV", "President", "2013-03-14", ""),
    # United States
    ("Barack Obama", "USA", "GOV", "President", "2009-01-20", "2017-01-20"),
    ("Donald Trump", "USA", "GOV", "President", "2017-01-20", "2021-01-20"),
    ("Joe Biden", "USA", "GOV", "President", "2021-01-20", "2025-01-20"),
    ("Donald Trump", "USA", "GOV", "President", "2025-01-20", ""),
    # Ukraine
    ("Volodymyr Zelensky", "UKR", "GOV", "President", "2019-05-20", ""),
    # Netherlands: Rutte's premiership before NATO
    ("Mark Rutte", "NLD", "GOV", "Prime Minister", "2010-10-14", "2024-07-02"),
    # NATO and the UN (iso3 IGO: not a country)
    ("Jens Stoltenberg", "IGO", "GOV", "Secretary General of NATO", "2014-10-01", "2024-10-01"),
    ("Mark Rutte", "IGO", "GOV", "Secretary General of NATO", "2024-10-01", ""),
    ("Rob Bauer", "IGO", "MIL", "Chair of the NATO Military Committee", "2021-06-25",
     "2025-01-17"),
    ("Giuseppe Cavo Dragone", "IGO", "MIL", "Chair of the NATO Military Committee",
     "2025-01-17", ""),
    ("Antonio Guterres", "IGO", "GOV", "Secretary-General of the United Nations", "2017-01-01",
     ""),
]

# Leader roles in CountryInfo are plural headings ("Prime ministers"); these read as one holder.
SINGULAR_HEADS = {"men": "man", "ies": "y", "s": ""}


def office_holders(dictionaries: Path, country_rows: list[dict[str, str]],
                   sectors: set[str]) -> list[dict[str, str]]:
    """One row per (person, office, period): CountryInfo leaders and cabinets plus curated.

    iso3 is a country code or IGO (international organisation). Dates are ISO; empty means
    unknown, or still in office at the source's date (2012-01-16 for CountryInfo rows).
    """
    known = {c["iso3"] for c in country_rows}
    rows: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for r in read_tsv(dictionaries / "countries/countryinfo_leaders_officials.tsv"):
        iso3 = iso3_of(r["iso3"], known)
        if not iso3 or r["role"] in ("Nationality", "Capital"):  # aliases and cities ("Belgrade"), not people
            continue
        name = _person_name(r["name"], iso3)
        if not name:
            continue
        if r["section"] == "leaders":
            offices = [(_leader_title(r["role"]), "GOV")]
        else:
            offices = _cabinet_offices(r["title"], r["cameo_code"], sectors)
        for title, sector in offices:
            if not title:
                continue
            row = {"name": name, "iso3": iso3, "sector": sector, "title": title,
                   "start_date": iso_date(r["start"]), "end_date": iso_date(r["end"]),
                   "origin": "countryinfo"}
            rows.setdefault((name, iso3, title, row["start_date"]), row)
    for name, iso3, sector, title, start, end in CURATED_OFFICE_HOLDERS:
        rows[(name, iso3, title, start)] = {"name": name, "iso3": iso3, "sector": sector,
                                             "title": title, "start_date": start,
                                             "end_date": end, "origin": "dateline"}
    return sorted(rows.values(),
                  key=lambda r: (r["name"], r["iso3"], r["title"], r["start_date"]))


# Particles written lower case inside a person's name ("Abdul Karim al Kabariti"). Shorter
# than SMALL_WORDS on purpose: "In", "Do", "Un" are Korean given-name syllables.
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "das", "dos", "del", "della",
                  "di", "du", "van", "von", "der", "den", "y"}

# CountryInfo prefixes some North Korean names with a stray "V" ("VKIM YONG CHUN").
KOREAN_SURNAMES = {"KIM", "CHO", "CHOE", "PAEK", "RI", "YI", "PAK", "JON", "CHON", "KANG",
                   "HYON", "O", "JO"}


def _person_name(raw: str, iso3: str) -> str:
    """"{VLADIMIR PUTIN }{VLADIMIR VLADIMIROVICH PUTIN }" -> "Vladimir Putin" (first
    variant), "KIM JONG UN" -> "Kim Jong Un", "ABDUL KARIM AL KABARITI" -> "Abdul Karim al
    Kabariti". A leading "ACTING MINISTER" is a role, not part of the name."""
    variants = re.findall(r"\{([^}]*)\}", raw)
    name = squash(variants[0] if variants else raw)
    name = re.sub(r"^ACTING (MINISTER |PRESIDENT |PRIME MINISTER )?", "", name)
    if not name or not re.search(r"[A-Z]{2}", name):
        return ""
    words = name.split(" ")
    if iso3 in {"PRK", "KOR"} and words[0][:1] == "V" and words[0][1:] in KOREAN_SURNAMES:
        words[0] = words[0][1:]
    out = []
    for i, word in enumerate(words):
        if i > 0 and word.lower() in NAME_PARTICLES:
            out.append(word.lower())
        elif i > 0 and re.fullmatch(r"[IVX]{2,4}", word):  # regnal numbers: Letsie III
            out.append(word)
        else:
            out.append("-".join(_capitalise(part) for part in word.split("-")))
    return " ".join(out)


def _leader_title(role: str) -> str:
    """CountryInfo leader headings are plural and oddly cased: "Prime ministers (PRESIDENTS_
    OF_THE..." -> "Prime Minister"; "Governors-GENERAL" -> "Governor-General";
    "Chairmen of the council of ministers" -> "Chairman of the Council of Ministers"."""
    role = re.sub(r"\s*\(.*$", "", role).replace("_", " ")
    role = squash(role).lower()
    if not role:
        return ""
    words = role.split(" ")
    head_index = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    head_index = max(head_index, 0)
    first, *rest = words[head_index].split("-")
    for plural, singular in SINGULAR_HEADS.items():
        if first.endswith(plural) and not first.endswith("ss") and len(first) > 3:
            first = first[: -len(plural)] + singular
            break
    words[head_index] = "-".join([first, *rest])
    return natural_case(" ".join(words).upper())


MILITARY_OFFICE = re.compile(
    r"Defen[cs]e|Military|Armed Forces|Army|Navy|Air Force|National Security")
INTELLIGENCE_OFFICE = re.compile(r"Intelligence|State Security")


def _cabinet_offices(raw_title: str, code: str, sectors: set[str]) -> list[tuple[str, str]]:
    """(title, sector) per office in a CountryInfo cabinet row. One row may hold several
    offices joined by " & "; each becomes its own office-holder row (the table's grain)."""
    text = squash(raw_title.replace('"', " ").replace("_", " "))
    offices: list[tuple[str, str]] = []
    for part in text.split(" & "):
        title = squash(part).strip(" ,")
        if title.endswith(" Acting"):  # the source writes: Minister of X "Acting"
            title = "Acting " + title[: -len(" Acting")]
        if title and title not in {t for t, _ in offices}:
            offices.append((title, _cabinet_sector(code, title, sectors)))
    return offices


def _cabinet_sector(code: str, title: str, sectors: set[str]) -> str:
    """Sector of one cabinet office. CountryInfo's code is per person and row, so a foreign
    minister who is also security adviser is GOVMIL for both offices: the code's MIL/SPY is
    given to the office whose title is the military or intelligence one; defence ministers
    are MIL whatever the code (they act for the military in event coding), intelligence
    chiefs SPY, courts JUD, everyone else GOV."""
    blocks = {code[i:i + 3] for i in range(0, len(code) - 2, 3)} & sectors
    if re.search(r"\b(Court|Chief Justice)\b", title) and "Minister" not in title:
        return "JUD"
    if INTELLIGENCE_OFFICE.search(title) and "Minister" not in title:
        return "SPY"
    if MILITARY_OFFICE.search(title) and (blocks & {"MIL", "SPY"} or "Defen" in title):
        return "MIL"
    if code[3:6] in {"MIL", "SPY"} and "GOV" not in blocks:
        return code[3:6]
    return "GOV"


def iso_date(yyyymmdd: str) -> str:
    """"20040931" -> "2004-09-30": CountryInfo writes some month ends as the 31st, and day or
    month 00 for "unknown"; we clamp to the month's last day and read 00 as 01."""
    s = yyyymmdd.strip()
    if not re.fullmatch(r"\d{8}", s):
        return ""
    year, month, day = int(s[:4]), int(s[4:6]), int(s[6:])
    month = min(max(month, 1), 12)
    day = min(max(day, 1), calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

def csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    """The CSV file content: header, rows in the given order, \\n line ends."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def build(dictionaries: Path) -> dict[str, str]:
    """File name -> CSV text for every gazetteer table."""
    sectors = sector_codes(dictionaries)
    country_rows = countries(dictionaries)
    alias_rows = country_aliases(dictionaries, country_rows)
    tables = {
        "countries": country_rows,
        "country_aliases": alias_rows,
        "organisations": organisations(dictionaries, country_rows, alias_rows, sectors),
        "titles": titles(dictionaries, sectors),
        "office_holders": office_holders(dictionaries, country_rows, sectors),
    }
    return {f"{name}.csv": csv_text(HEADERS[name], rows) for name, rows in tables.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Regenerate the gazetteer seed CSVs from the reference dictionaries.",
        epilog="example: python3 seeds/build_gazetteer.py "
               "--dictionaries ../shared/corpus/dictionaries --out seeds",
    )
    parser.add_argument("--dictionaries", type=Path, default=DEFAULT_DICTIONARIES,
                        help=f"dictionaries folder (default: {DEFAULT_DICTIONARIES})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"folder to write the CSVs to (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    missing = [p for p in [args.dictionaries, *(args.dictionaries / f for f in SOURCE_FILES)]
               if not p.exists()]
    if missing:
        print(f"build_gazetteer: missing source: {missing[0]}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for file_name, text in build(args.dictionaries).items():
        (args.out / file_name).write_text(text, encoding="utf-8", newline="")
        print(f"wrote {args.out / file_name} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
