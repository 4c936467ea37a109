"""Events: who did what to whom, coded to CAMEO and PLOVER from the dependency parse, and the
reports of one real-world event merged into one row.

Coding one sentence (row-by-row over a spaCy Doc, `doc_event_mentions`):
1. Trigger: a verb whose lemma is in the lexicon (seeds/event_lexicon.csv, compiled from the
   PETRARCH CAMEO verb dictionary plus our additions). The most specific matching row wins:
   verb + object + preposition, then verb + object, verb + preposition, verb alone. An object
   "phone"/"telephone" call or talk makes a consultation 041 (discuss by telephone).
2. Actor: the subject (climbing xcomp/conj to the governing verb), or the "by" agent of a
   passive. Recipient: the direct object, else the object of with/against/to/on..., else the
   passive subject. Coordinated arguments are all parties ("Kim and Bauer conducted talks").
   An argument that is a common noun ("officials from South Korea") takes the entities inside
   it; "he"/"she" takes the last person named before it.
   Nouns name events too ("talks between Baghdad and Damascus", "Shultz's visit", "sanctions
   against South Africa"): parties from the noun's own phrase, or the subject of the light verb
   that takes it ("Japan and the U.S. kicked off talks"); only when a verb asserts it, and
   "a meeting scheduled for next week" is an intent. Participles describing a noun ("remnants
   captured"), aspiration verbs ("sought to"), and PETRARCH defaults whose object is a thing
   ("ease tension") are not acts. A party without a country of its own takes the country named
   in its phrase ("U.S. Trade Representative Clayton Yeutter"); failing that, a person or
   unseeded organisation takes the article's home country (`home_country`: the country its
   mentions refer to most, at least twice). A side with no entity is coded by its role noun:
   "police", "troops", "the prime minister" act for the home country with the noun's sector;
   "Kurdish forces" for the Kurdish state the article names most; "our forces" and armed
   non-state roles get no country. A criticised policy with no author ("dismissed the plan")
   is the home country's. Guesses from context lower the confidence. The place of the act is the
   GPE/LOC/FAC named in an "in/at/near" phrase of the trigger or its object, never a party.
3. Modality: a negated trigger is no event, except a party refusing to yield or to support,
   which rejects (CAMEO 120: "would not bow to demands"); "will", "agreed to", "plans to", "set
   to", and a present tense dated ahead ("meet next week") turn a cooperative act into intent
   (CAMEO 03x) and a conflictual one into a threat (CAMEO 13x); acts under "accuse"/"allege"
   are marked alleged. A party stating that another is a
   terrorist or responsible, or that it lied or rigged something, accuses it (CAMEO 112);
   warning or telling a party to do something ("warned Moscow not to invade") is a demand (100).
4. Date: a DATE entity attached to the trigger, resolved against the publication date
   (`transforms.dates`); with no expression, the publication date with precision "day" and
   method "publication-date".

Merging reports (`merged_events`): event mentions merge when their PLOVER type agrees, their
parties are compatible (the same countries on each side, or both sides for symmetric types
such as CONSULT; where both name people of one country, at least one person in common), their
dates are within EVENT_MERGE_DAYS, and their stated places (if both state one) are in one
country. The merged row takes the most specific code, the most specific parties, the most
specific date and the most reported place (with GeoNames coordinates, `transforms.places`);
avg_tone is the mean tone of the reporting articles.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections import Counter
from datetime import date

import polars as pl

from transforms import dates, packaged_models, seeds, settings
from transforms.entities import organisation_key
from transforms import places as places_module
from transforms.groups import UnionFind

# Verbs whose complement clause holds the reported act; they are never events themselves.
REPORTING_VERBS = frozenset("say tell report add note confirm claim state announce quote according insist "
                            "explain stress emphasize emphasise highlight warn".split())
# Governing verbs (or adjectives) that make their xcomp an intention, not an act.
INTENT_GOVERNORS = frozenset("agree pledge promise offer decide plan vow intend seek want aim set expect prepare "
                             "ready willing hope threaten propose schedule due".split())
ALLEGATION_GOVERNORS = frozenset({"accuse", "allege", "blame", "charge"})
# Acts asked of someone ("called for South Korea to support ...") are the content of the
# request, which is coded itself; they are not events.
REQUEST_GOVERNORS = frozenset({"call", "urge", "ask", "demand", "request", "press", "appeal", "invite", "encourage"})
# Reporting verbs that make a demand when they take a party and a to-infinitive ("warned Mr
# Brown not to", "told Japan to open its markets"): PLOVER REQUEST, CAMEO 100.
DEMAND_VERBS = frozenset({"warn", "tell"})
# Verbs too general to be events on their own: only their object/preposition patterns count
# ("take office" is no seizure, "hold talks" is a consultation, "hold" alone is nothing).
GENERIC_VERBS = frozenset("take give make have get go come face leave join gather hit die lead increase boost want "
                          "vote need approve pass hold do put keep set see show bring turn run move work play "
                          "complete enhance strengthen deepen expand "
                          # PETRARCH defaults that in news mostly have a thing, not a party, as object
                          # ("expect conditions", "catch off-guard", "ease tension", "offer an agenda",
                          # "express concern", "defer a decision", "circle", "search for targets").
                          "expect catch ease offer help aim persuade express bind defer decline search circle "
                          "ready extract stand ratify decide".split())
# Verbs whose complement did not happen: "refused to discuss", "failed to agree", "declined to meet".
NEGATING_GOVERNORS = frozenset({"refuse", "fail", "decline"})
# Verbs whose that-clause is said not to be so: "denied that it had carried out the strike".
DENYING_VERBS = frozenset({"deny", "refute", "dismiss"})
# Subordinators of a clause that is not asserted: a condition ("if Congress passed ...") or a question.
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
# Nouns of a statement whose participle is its author's act: "a speech criticising Blair's
# record", "a motion questioning the plans", "a letter demanding an inquiry".
STATEMENT_NOUNS = frozenset("speech statement letter motion resolution report article interview message "
                            "communique declaration address petition editorial".split())
# Words someone said or wrote, which stand for their author as the target of a reply ("hit back
# at comments made by Donald Trump", "rejected claims by the Tories").
AUTHORED_NOUNS = STATEMENT_NOUNS | frozenset("comment remark claim allegation accusation criticism suggestion "
                                             "remarks comments".split())
# Nouns that hold an event noun as something hoped, feared or proposed, not as something that
# happened ("in anticipation of a meeting", "the threat of sanctions", "a proposal for talks").
PROSPECT_NOUNS = frozenset("anticipation prospect possibility hope threat proposal plan idea offer risk danger fear "
                           "chance expectation invitation preparation call demand request".split())
# Verbs that declare an act rather than carry it out: "announced a troop withdrawal" is a
# concession (PLOVER CONCEDE covers "declarations (but not implementations) of ceasefires and
# withdrawals"), the withdrawal itself a retreat.
DECLARING_VERBS = frozenset({"announce", "declare", "promise", "pledge"})
# Verbs whose purpose infinitive is what was done: "acted to tighten restrictions", "came
# forward to urge Britain", "returned to Argentina to consult the president". Any other
# purpose ("a trip to China to discuss trade", "a militia raised to fight") is only aimed at.
CARRYING_VERBS = frozenset({"act", "move", "come", "go", "return", "travel", "fly", "step", "intervene", "use"})
# Nouns of amount whose "of" phrase is the real object ("thousands of casualties").
QUANTITY_NOUNS = frozenset("thousand thousands hundred hundreds dozen dozens score scores number lot million "
                           "millions".split())
# What an attack "over" or "for" is words about: "attacked the minister over his remarks".
GRIEVANCE_NOUNS = frozenset("plan policy rule law bill proposal decision measure reform budget tax scheme remark comment "
                            "statement record handling response failure stance position role conduct".split())
# What only words can attack: "an attack on Syrian sovereignty" is criticism, not force.
ABSTRACT_TARGETS = frozenset("sovereignty freedom liberty right democracy independence record credibility reputation "
                             "integrity dignity value constitution principle".split())
# Verbs that name what their object is ("called the militia a terrorist group", "described the
# sanctions as illegal"): a judgement of it, and its subject is not the author of an act named.
NAMING_VERBS = frozenset("call label brand describe term dub".split())
ILLEGAL_WORDS = frozenset({"illegal", "unlawful", "illegitimate"})
# Workers who strike without an object are on strike (CAMEO 143), not attacking (with the LAB
# sector of the agent dictionary: "workers", "employees", "unions").
STRIKER_NOUNS = frozenset("miner teacher nurse doctor driver pilot docker staff".split())
# Nouns of a stated intent whose infinitive is not (yet) done, by the noun's possessor: "Trump's
# threat to impose tariffs" (a threat), "Japan's offer to cut tariffs" (an intent).
INTENT_NOUNS = frozenset("threat offer pledge promise vow plan proposal intention".split())
# Nouns of a secret plan whose infinitive is charged, not done: "the plot to kill British soldiers".
PLOT_NOUNS = frozenset({"plot", "conspiracy", "scheme"})
# Verbs of protest whose "demanding ..." participle says what the protest is for, no second event.
PROTESTING_VERBS = frozenset("strike protest march demonstrate rally riot".split())
# Modifiers of an event noun that make it a prospect, not a report: "the possible withdrawal of
# US troops", "a likely attack".
SPECULATIVE_MODIFIERS = frozenset("possible potential likely probable hypothetical eventual prospective".split())
# Verbs whose object event noun is promised or threatened, not done: "threatened retaliation".
PROMISING_VERBS = frozenset({"threaten", "promise", "pledge", "vow", "offer", "propose"})
# Verbs whose subject causes the event noun they govern, not does it: "the arrest sparked
# protests" (the protesters are not the police who arrested).
CAUSING_VERBS = frozenset("spark trigger prompt provoke cause fuel ignite unleash touch".split())
# Prepositions through which a "between" phrase can still belong to the event noun: "talks on
# coffee quotas between Brazil and Colombia". Not "about", "over" or "regarding", which only name a topic.
NESTING_PREPS = frozenset({"on", "in", "at", "of"})
# Causes of death and damage that are no one's act (beside NATURAL_FORCES): "killed in a road
# accident", "the fire killed 12" (a fire with a side named, "Israeli fire", is a side's act).
ACCIDENT_WORDS = frozenset("accident crash collision derailment fire blaze stampede drowning covid cholera flu "
                           "influenza ebola malaria illness".split())
# Nouns that measure out an event noun by time or turns: "three days of talks", "months of
# negotiations", "a round of talks", "a wave of air strikes". The event is governed as the measure is.
TIME_NOUNS = frozenset("hour day week month year night".split())
TURN_NOUNS = frozenset("round series session wave spate string bout".split())
# Adverbs that make a phrasal verb the lexicon knows ("hit back", "pull out", "step down").
ADVERB_PARTICLES = frozenset({"back", "out", "off", "down", "up", "away", "over"})
# Verbs whose object event noun is a prospect, not an act: "faces sanctions", "risks
# retaliation", "fears an attack", "averted a strike".
PROSPECT_VERBS = frozenset({"face", "risk", "fear", "avert", "avoid", "prevent", "expect", "predict", "forecast"})
# Verbs that only say someone aims at the act in their complement ("sought to", "plans to").
ASPIRATION_VERBS = frozenset({"seek", "want", "aim", "plan", "intend", "hope", "expect", "prepare", "decide", "set", "try"})
# Participles of verbal acts that the parser often hangs on the addressee rather than on the
# writer's verb ("written to Blair demanding an explanation"): see _participle_carrier.
CARRIED_PARTICIPLES = frozenset({"call", "urge", "ask", "demand", "request", "press", "appeal", "accuse", "criticise",
                                 "criticize", "condemn", "threaten", "reject", "blame"})
# Verbs that are events only when their object is a party ("met Bauer", "met his Swiss
# counterpart", "released the two men", "hosted Putin", not "met his fiscal rules", "released a
# video" or "host the annual event"), unless a lexicon pattern names the object ("released
# prisoners", "hosted talks").
PARTY_OBJECT_VERBS = frozenset({"meet", "release", "host", "execute", "telephone", "phone"})
# Verbs that consult only when whom they address is a party, not the press: "spoke to Putin",
# not "spoke to reporters" or "spoke to the BBC".
PARTY_PREP_VERBS = frozenset({"speak", "talk"})
# Nouns (lemmas) that stand for a person or people as an object beside the role nouns
# (ROLE_SECTORS and the agents table, which has "president", "journalist", "detainee"): they make
# "met his counterpart", "released the hostages" acts on a party.
PERSON_NOUNS = frozenset("counterpart leader head chief chairman people man prisoner hostage captive sailor "
                         "national family relative".split())
# Modifiers that make "party" a political party of the article's country ("opposition parties"),
# not a party to a deal ("the main parties would continue talks").
PARTY_MODIFIERS = frozenset({"opposition", "ruling", "governing", "political"})
# Verbs by which a party runs another body's meeting ("chaired a meeting of the Commission for Africa").
CHAIRING_VERBS = frozenset({"chair", "host", "convene", "lead", "address"})
# What a party says another "would face" when it threatens it ("would face consequences if ...").
FACING_VERBS = frozenset({"face", "receive", "suffer", "pay", "incur"})
PENALTY_NOUNS = frozenset("consequence penalty punishment retaliation sanction reprisal repercussion fine "
                          "prosecution".split())
# Codes whose negation is a refusal, besides not supporting, endorsing or apologising (05): not
# yielding or acceding to demands ("would not bow to demands"). Not other concessions: "did not
# withdraw its troops" refuses nothing said.
YIELDING_CODES = frozenset({"080", "083", "0831", "0832", "0833", "0834"})
# Plans whose "calling for ..." is their author's request.
PLAN_NOUNS = frozenset("plan proposal programme program package blueprint manifesto".split())
# Subjects whose verb tells the course of an event, not an act ("the threat of conflict abated").
EVENT_COURSE_NOUNS = frozenset("threat tension tensions conflict violence crisis war unrest crackdown row dispute".split())
# Objects that make a verb an idiom rather than its act ("struck a balance", "hit a record").
IDIOM_OBJECTS = {"strike": frozenset("balance chord note tone pose".split()),
                 "hit": frozenset("record high low target headline market shelf".split())}
# Nouns whose clause is claimed, not asserted ("the claim that he had reneged on a promise").
CLAIM_NOUNS = frozenset("claim allegation suggestion rumour rumor speculation assertion".split())
# Nouns for bodies of people, parties to an act though no country is known for them.
GROUP_NOUNS = frozenset("party nation organisation organization donor group member coalition alliance company firm "
                        "bank creditor lender".split())
# Subjects that are natural forces: "hailstorms killed two people", "the earthquake destroyed",
# "floods displaced" are no acts of a party (CAMEO codes what actors do). Not "fire" ("Israeli
# fire killed two") nor "crash" or "blaze", which are often someone's doing.
NATURAL_FORCES = frozenset("storm hailstorm hail wind rain snow flood flooding earthquake quake tremor tsunami "
                           "hurricane typhoon cyclone tornado landslide mudslide avalanche drought wildfire "
                           "heatwave lightning eruption volcano disease virus epidemic pandemic outbreak".split())
# Signing (CAMEO 057) is economic cooperation (061, PLOVER COOPERATE) when what is signed is a
# commercial deal ("signed a contract", "a joint venture agreement", "the accord on the loan") or
# a signatory is a company ("Gandalf Technologies Inc signed an agreement with British Telecom").
# Legal forms that only companies carry (not "group", "company" or "se": "the Contact Group").
COMPANY_SUFFIXES = frozenset("inc inc. corp corp. corporation co co. ltd ltd. plc llc gmbh kgaa n.v. nv".split())
BUSINESS_DEAL_WORDS = frozenset("contract venture loan credit supply sale sales purchase licensing licence license "
                                "marketing distribution merger acquisition commercial financing lease".split())
# Words of a date expression that place it after the text was written ("next week", "later this month").
FUTURE_DATE_WORDS = re.compile(r"\b(next|tomorrow|later this|coming|upcoming)\b", re.IGNORECASE)
# "could"/"might": a possible act has not happened; like "will" it is an intent or a threat.
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "going", "could", "might", "may"})
RECIPIENT_PREPS = ("with", "against", "to", "on", "at", "toward", "towards", "for", "from", "into", "over", "between")
# An accusation's target follows "against" wherever it stands: "filed a complaint against Japan
# with the WTO" (the WTO is the forum).
ACCUSATION_PREPS = ("against",) + tuple(p for p in RECIPIENT_PREPS if p != "against")
# Nouns that name an event by themselves ("talks between X and Y", "sanctions against X").
NOUN_EVENTS = {
    "talk": "040", "consultation": "040", "discussion": "040", "meeting": "040", "summit": "040",
    "negotiation": "046", "visit": "042", "trip": "042", "sanction": "163", "embargo": "163",
    "clash": "190", "fighting": "190", "complaint": "111", "drill": "150", "retaliation": "190",
    # Armed force named by a noun, alone or as the object of a light verb ("conducted
    # airstrikes", "launched an offensive", "mounted a raid"): the noun carries the event.
    "airstrike": "195", "offensive": "190", "raid": "190", "bombardment": "194", "shelling": "194",
    "invasion": "192", "attack": "190", "assault": "190", "protest": "141", "accusation": "112",
    # Violence and protest named by a noun ("the killing of protesters by police", "the
    # assassination of X", "riots in Tehran"). Not "rally" (markets rally) nor "strike" alone.
    "killing": "1823", "execution": "1823", "assassination": "186", "massacre": "202", "kidnapping": "181",
    "destruction": "190", "abduction": "181", "bombing": "183", "ambush": "190", "demonstration": "141", "riot": "145",
    # A pull-back of forces ("a rapid troop withdrawal from Syria"; PLOVER RETREAT).
    "withdrawal": "0874",
    # Coercion named by a noun ("the arrest of the opposition leader by police", "the expulsion
    # of Russian diplomats", "the blockade of Gaza").
    "arrest": "173", "expulsion": "166", "deportation": "174", "blockade": "191", "crackdown": "175",
}
# Nouns of asking, a request when they say what for ("Iran's call for talks", "demands for an
# inquiry", "pleas for help"): CAMEO 100 demand, 020 appeal (both PLOVER REQUEST).
REQUEST_NOUNS = {"call": "100", "demand": "100", "plea": "020", "appeal": "020"}
# Verbs by which a party states what another is ("Turkey argues that the YPG is a terrorist
# organisation"), and the predicates that make such a statement an accusation (CAMEO 112):
# a terrorist or criminal (the noun or its modifier: "a terrorist organisation"), or
# responsible/guilty (as the predicate itself: "a responsible partner" accuses no one).
STANCE_VERBS = REPORTING_VERBS | {"argue", "allege", "maintain", "contend", "assert", "believe"}
ACCUSING_NOUNS = frozenset("terrorist terrorism criminal aggressor occupier murderer dictator".split())
ACCUSING_ADJECTIVES = frozenset("responsible guilty complicit culpable".split())
# Reporting verbs of the press and of hearsay, not of a party taking a stance ("Hanoi radio
# reported", "Iran claimed he had been killed").
NEWS_VERBS = frozenset({"report", "quote", "according", "claim", "confirm", "note", "announce"})
# Verbs whose complement can be the speaker's request or judgement (_stated_request, _stated_stance).
STATEMENT_VERBS = (STANCE_VERBS | {"think"}) - NEWS_VERBS
# Verbs that make their complement something asked of another party, not done: a mandative
# subjunctive ("Brazil insisted that Argentina withdraw the tariffs", "proposed that he be
# sacked") or a wish for another ("the U.S. wants Japan to eliminate import controls").
MANDATIVE_VERBS = frozenset("insist demand ask urge propose recommend require request suggest".split())
WANTING_VERBS = frozenset({"want", "wish"})
# Verbs whose asked-for or should-clause is the speaker's request (_stated_request): the
# statement verbs, and agreeing, wanting or proposing that another should act ("six nations
# agreed that Taiwan should let its currency rise").
REQUEST_STATEMENT_VERBS = STATEMENT_VERBS | WANTING_VERBS | {"agree", "propose", "recommend"}
QUOTE_MARKS = frozenset('"\u201c\u201d')
# Verbs of wrongdoing: a party stating that another did one accuses it ("the Tories said Blair
# lied", "Ukraine said Russia had violated the ceasefire"). "lie" only as "lied": "the town lies
# on the border" is no accusation.
ACCUSING_VERBS = frozenset("lie cheat deceive mislead rig fiddle betray violate breach flout".split())
# Intransitive verbs of armed conflict going on ("clashes were continuing", "fighting erupted"):
# the fighting is an event even when no side is named in the sentence.
ONGOING_VERBS = frozenset({"continue", "rage", "erupt", "resume", "intensify", "escalate", "break", "flare", "persist"})
# CAMEO roots of cooperation (intent, consultation, diplomatic and material cooperation).
COOPERATION_ROOTS = frozenset({"03", "04", "05", "06"})
# Verbs that say an event named by a noun happens ("talks resumed", "negotiations continued").
OCCURRENCE_VERBS = frozenset({"continue", "resume", "begin", "start", "open", "end", "conclude", "proceed"})
# Verbs of getting ready: an armed act they are "for" has not happened, the readiness has.
PREPARATION_VERBS = frozenset({"prepare", "ready", "gear", "brace", "mass", "position"})
# "strike" is an event noun only with a weapon word ("air strike", "drone strikes"); alone it is
# as often a labour strike.
WEAPON_STRIKE_WORDS = frozenset({"air", "drone", "missile", "rocket", "artillery", "military", "aerial", "naval"})
# "X-backed / X-led / X-funded fighters": X sponsors the party, it is not the party.
SPONSOR_PARTICIPLES = frozenset({"back", "backed", "lead", "led", "fund", "funded", "support", "supported",
                                 "sponsor", "sponsored", "arm", "armed", "train", "trained"})
# CAMEO roots whose recipient may sit in a "that" clause: accuse/disapprove (11), reject (12).
ACCUSATION_ROOTS = frozenset({"11", "12"})
# Judging another's act (approve, criticise, reject): "condemned the air strikes", "welcomed the
# talks" is an event of its own beside the act judged, against the act's author.
JUDGING_ROOTS = frozenset({"05", "11", "12"})
# Acts whose unnamed target is the actor's own country (`_home_target`): appeal (02), consult (04),
# endorse (05), demand (10), disapprove (11), reject (12), protest (14).
HOME_TARGET_ROOTS = frozenset({"02", "04", "05", "10", "11", "12", "14"})
# Violence (assault, fight, mass violence): an act whose victims alone make it an event.
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Acts done to a side through its things, whose phrase names the side: force ("breached Iraqi
# defence lines") and sanctions (16: "halted imports of Japanese seafood").
THING_TARGET_ROOTS = VIOLENT_ROOTS | {"16"}
# Roots whose object may be a policy standing for its author (POLICY_NOUNS): criticising,
# rejecting, and backing or defending one ("defended government plans" supports the government).
POLICY_ROOTS = ACCUSATION_ROOTS | {"05"}
# Unnamed state actors that stand for the country in context ("the government is working with").
GOVERNMENT_NOUNS = frozenset({"government", "administration", "ministry", "cabinet", "authority", "military", "army"})
# Role nouns that stand for a body of a state (or its opposition) when no name is attached:
# "police", "troops", "the authorities" act for the country in context, as CAMEO codes them by
# country and sector (ISRCOP, SYRMIL). Armed non-state roles (militants, fighters, jihadists)
# are deliberately absent: they belong to no country. Other role nouns come from the Phoenix
# agents table (seeds/titles.csv).
ROLE_SECTORS = {
    "government": "GOV", "administration": "GOV", "ministry": "GOV", "cabinet": "GOV", "authority": "GOV",
    "official": "GOV", "regime": "GOV", "minister": "GOV", "diplomat": "GOV", "embassy": "GOV", "envoy": "GOV",
    "delegation": "GOV", "negotiator": "GOV", "police": "COP", "policeman": "COP", "troop": "MIL", "force": "MIL",
    "army": "MIL", "military": "MIL", "soldier": "MIL", "navy": "MIL", "warplane": "MIL", "jet": "MIL",
    "aircraft": "MIL", "drone": "MIL", "parliament": "LEG", "lawmaker": "LEG", "legislator": "LEG", "mp": "LEG",
    "congress": "LEG", "senate": "LEG", "court": "JUD", "judge": "JUD", "prosecutor": "JUD",
    "protester": "OPP", "demonstrator": "OPP", "opposition": "OPP",
    # Unnamed office holders and bodies of the article's own state ("the information commissioner
    # says", "the committee is calling on", "a spokesman said"): absent from the CAMEO agents list.
    "commissioner": "GOV", "secretary": "GOV", "spokesman": "GOV", "spokeswoman": "GOV", "spokesperson": "GOV",
    "watchdog": "GOV", "regulator": "GOV", "agency": "GOV", "inspector": "GOV", "committee": "LEG", "critic": "OPP",
    "peer": "LEG", "councillor": "GOV", "council": "GOV", "union": "LAB",
}
# Possessives that make a role noun the speaker's or a third party's own ("our forces").
SPEAKER_POSSESSIVES = frozenset({"our", "their", "my", "your"})
# Group words without a country of their own, and the states they are coded by: the one of
# these the article names most ("Kurdish forces" in a Syria story are SYR, in an Iraq story IRQ).
ETHNIC_COUNTRIES = {"kurdish": ("SYR", "IRQ", "TUR", "IRN"), "kurds": ("SYR", "IRQ", "TUR", "IRN"),
                    "kurd": ("SYR", "IRQ", "TUR", "IRN"), "peshmerga": ("IRQ",)}
# Agent sectors that never take a country from context: armed non-state and criminal roles.
NON_STATE_SECTORS = frozenset({"REB", "UAF", "CRM", "INS", "SEP"})
# Sectors of state bodies and office holders: a side of one of these needs a country.
STATE_SECTORS = frozenset({"COP", "GOV", "JUD", "LEG", "MIL", "SPY", "PRE", "PRM", "ELI", "PTY"})
# Objects of a criticism or rejection that stand for their author ("dismissed the maternity pay
# plan", "questioned the timing of the new rules"): a policy is the government's, so with no
# author named the recipient is the article's home country.
POLICY_NOUNS = frozenset("plan policy rule law bill proposal decision measure reform budget tax scheme legislation "
                         "programme program strategy regulation deletion order move".split())
# Prepositions whose object is where an act happened ("in Seoul", "at the base", "near Baghuz").
LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "off", "across"})
PHONE_WORDS = frozenset({"phone", "telephone", "video", "call"})
# Types where every party does the same thing: compare the union of parties when merging.
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Codes of other types that are joint acts: "Britain and the United States signed a memorandum"
# (CAMEO 057, PLOVER SUPPORT) has each as the other's counterpart.
SYMMETRIC_CODES = frozenset({"057"})
# Intent codes by CAMEO root: cooperation becomes "express intent to ..." (03x).
INTENT_CODE = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
# Threat codes by CAMEO root: conflict becomes "threaten ..." (13x).
THREAT_CODE = {"14": "133", "15": "138", "16": "132", "17": "137", "18": "138", "19": "138", "20": "138"}

EVENT_MENTION_SCHEMA = {
    "event_id": pl.String,
    "event_mention_id": pl.String,  # sha256(article_id, trigger offset)[:16]
    "article_id": pl.String,
    "sentence_index": pl.Int64,
    "start_char": pl.Int64,  # the sentence, as offsets into articles.body
    "end_char": pl.Int64,
    "quote": pl.String,  # the sentence text
    "trigger": pl.String,
    "trigger_start_char": pl.Int64,
    "cameo_code": pl.String,  # as coded in this report (the event row has the merged code)
    "plover_type": pl.String,
    "status": pl.String,  # asserted | intent | threat | alleged
    "actor_text": pl.String,
    "recipient_text": pl.String,
    "actor_entity_ids": pl.List(pl.String),
    "recipient_entity_ids": pl.List(pl.String),
    "location_entity_id": pl.String,  # where this report says it happened
    "date_text": pl.String,
    "event_date": pl.Date,
    "date_precision": pl.String,
    "date_method": pl.String,
    "confidence": pl.Float64,
}

EVENT_SCHEMA = {
    "event_id": pl.String,
    "event_date": pl.Date,
    "date_precision": pl.String,  # day | week | month | year (null: no date known)
    "date_method": pl.String,
    "cameo_code": pl.String,
    "cameo_root": pl.String,
    "cameo_name": pl.String,
    "quad_class": pl.Int8,  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    "goldstein": pl.Float64,
    "plover_type": pl.String,
    "plover_mode": pl.String,
    "status": pl.String,
    "actor1_entity_id": pl.String,
    "actor1_name": pl.String,
    "actor1_country": pl.String,
    "actor1_sector": pl.String,
    "actor2_entity_id": pl.String,
    "actor2_name": pl.String,
    "actor2_country": pl.String,
    "actor2_sector": pl.String,
    "location_entity_id": pl.String,  # the place entity it happened at (most reported)
    "location_name": pl.String,
    "location_country": pl.String,  # ISO3
    "location_lat": pl.Float64,  # city (else country centre) coordinates, WGS84 degrees
    "location_lon": pl.Float64,
    "location_precision": pl.String,  # city | country
    "num_mentions": pl.Int64,
    "num_articles": pl.Int64,
    "num_sources": pl.Int64,
    "avg_tone": pl.Float64,  # mean tone (-1..1) of the articles reporting it
    "confidence": pl.Float64,
    "first_article_id": pl.String,
}


@functools.cache
def _lexicon() -> dict[str, list[tuple[str, str, str]]]:
    """verb -> [(object, preposition, cameo_code)]."""
    table: dict[str, list] = {}
    for verb, obj, prep, code in seeds.event_lexicon().select("verb", "object", "preposition", "cameo_code").iter_rows():
        table.setdefault(verb, []).append((obj or "", prep or "", code))
    return table


@functools.cache
def _codebook() -> dict[str, dict]:
    return {row["cameo_code"]: row for row in seeds.cameo_codes().to_dicts()}


@functools.cache
def _agent_sectors() -> dict[str, str]:
    """lower-cased role noun ("officials", "military") -> sector."""
    frame = seeds.titles()
    return {t.lower(): s for t, s in frame.select("title", "sector").iter_rows() if s}


def _is_demand(token) -> bool:
    """A demand verb (DEMAND_VERBS) with a direct object and a to-infinitive: "warned Mr Brown
    not to use the cash", not "warned that prices would rise" or "told reporters"."""
    return token.lemma_.lower() in DEMAND_VERBS and any(c.dep_ == "dobj" for c in token.children) and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in token.children)


def _trigger_match(token) -> tuple[str, int, object] | None:
    """(cameo_code, specificity, matched object token) for a verb token, or None."""
    lemma = token.lemma_.lower()  # the pipeline fixes the forms its lemmatizer gets wrong (spacy_pipeline.LEMMA_FIXES)
    particles = [c.lemma_.lower() for c in token.children if c.dep_ == "prt"]
    # The parser often hangs "back" as an adverb ("hit back at comments"): a particle when the
    # lexicon knows the phrasal verb.
    particles += [c.lower_ for c in token.children if c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES
                  and f"{lemma} {c.lower_}" in _lexicon() and c.lower_ not in particles]
    candidates = []
    for verb in ([f"{lemma} {p}" for p in particles] + [lemma]):
        candidates.extend((verb, row) for row in _lexicon().get(verb, ()))
    if particles and not any(" " in verb for verb, _ in candidates):
        return None  # a phrasal verb the lexicon does not know is another verb: "free up", "come up with", "sign up to"
    if not candidates:
        return None
    objects = {c.lemma_.lower(): c for c in token.children if c.dep_ in ("dobj", "attr", "oprd")}
    # A passive's subject is what is acted on: "the accord was signed", "a deal had been reached";
    # so is the noun a passive participle describes ("the pact, signed by both sides").
    for child in token.children:
        if child.dep_ == "nsubjpass":
            objects.setdefault(child.lemma_.lower(), child)
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ == "NOUN":
        objects.setdefault(token.head.lemma_.lower(), token.head)
    for obj in list(objects.values()):
        # "provided 1bn ECUs in aid", "gave $50m in loans": the noun after "in" is what is given;
        # "inflicted thousands of casualties": the noun after a quantity's "of".
        quantity = obj.pos_ == "NUM" or obj.lemma_.lower() in QUANTITY_NOUNS
        for prep in obj.children:
            if prep.dep_ == "prep" and (prep.lower_ == "in" or (quantity and prep.lower_ == "of")):
                objects.update({p.lemma_.lower(): p for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() not in objects})
    preps = {}
    prepositional = set()  # objects of the verb's own prepositions
    for child in token.children:
        if child.dep_ in ("prep", "agent"):
            if all(o.ent_type_ in ("DATE", "TIME") for o in child.children if o.dep_ == "pobj") \
                    and any(o.dep_ == "pobj" for o in child.children):
                continue  # "called Putin on Monday" is no "called on": a time phrase is no preposition of the verb's
            preps.setdefault(child.lower_, child)
            for pobj in child.children:
                # A time phrase says when, not what: "gave their answers in 100 hours of
                # interviews" is no "gave them 48 hours" ultimatum.
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("DATE", "TIME"):
                    objects.setdefault(pobj.lemma_.lower(), pobj)
                    prepositional.add(pobj.i)
    for child in token.children:
        # "called for X to act": the preposition is parsed as the clause's marker.
        if child.dep_ in ("advcl", "xcomp", "ccomp"):
            for marker in child.children:
                if marker.dep_ == "mark" and marker.lower_ in ("for", "on"):
                    preps.setdefault(marker.lower_, marker)
    best = None
    phrasal = {verb for verb, _ in candidates if " " in verb}
    for verb, (obj, prep, code) in candidates:
        if not obj and not prep and verb in GENERIC_VERBS:
            continue
        if phrasal and " " not in verb and not obj and not prep:
            continue  # a known phrasal verb is its own verb: "ruled out" is no "rule", "pulled out" no "pull"
        if obj and obj not in objects:
            continue
        if obj and not prep and objects[obj].i in prepositional:
            # A pattern without a preposition is about the direct object: "has until the next
            # meeting" holds none, "called for the meeting" is a call for (100), not "called a
            # meeting" (036).
            continue
        if prep and prep not in preps and not any(
            p.lower_ == prep for o in objects.values() for p in o.children if p.dep_ == "prep"
        ):
            continue
        score = (2 if obj else 0) + (1 if prep else 0) + (4 if " " in verb else 0)
        if best is None or score > best[1] or (score == best[1] and code < best[0]):
            best = (code, score, objects.get(obj) if obj else None)
    return best


def _is_party_object(obj, covered: dict[int, int]) -> bool:
    """The object is a party: a named entity, a pronoun for one, a role or person noun ("his
    Swiss counterpart", "officials", "the two men"), or a noun in apposition to a name ("the
    chairman, Otto Stich")."""
    if obj.i in covered or obj.lower_ in ("him", "her", "them", "us"):
        return True
    lemma = obj.lemma_.lower()
    if lemma in PERSON_NOUNS or lemma in ROLE_SECTORS or lemma in _agent_sectors():
        return True
    if obj.pos_ == "PROPN" and any(c.dep_ == "compound" and (c.ent_type_ == "TITLE" or c.lemma_.lower() in _agent_sectors())
                                   for c in obj.children):
        return True  # a titled name the recogniser missed: "met Home Office Minister Lord Falconer"
    return any(c.dep_ == "appos" and c.i in covered for c in obj.children)  # not "released the Mueller report"


def _verbal_attack(token, actors: list[int], mentions) -> bool:
    """"Labour attacked the Tories", "the Tories and Labour clashed over tax", "attacked the
    minister over his handling of the crisis": an attack or clash by a political party, or one
    "over"/"for" a grievance, is words (CAMEO 111), not force. Not "hit Israel with rockets over
    the weekend" (a time) nor "police attacked the party's offices" (a party attacked is not words)."""
    if token.lemma_.lower() not in ("attack", "hit", "slam", "clash"):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in ("politically", "verbally") for c in token.children):
        return True  # "I attack Michael Howard politically"
    return any(mentions[i].sector_hint == "PTY" for i in actors) or any(
        c.dep_ == "prep" and c.lower_ in ("over", "for") and any(
            o.dep_ == "pobj" and o.lemma_.lower() in GRIEVANCE_NOUNS for o in c.children)
        for c in token.children)


def _business_deal(signed, parties: list[int], mentions) -> bool:
    """What was signed is a commercial deal (BUSINESS_DEAL_WORDS: "a contract", "a joint venture
    agreement", "the accord on the loan"), or a signatory is a company (a name ending in a legal
    form: "Gandalf Technologies Inc", "Chronar Corp")."""
    if signed is not None:
        words = {signed.lemma_.lower()} | {c.lemma_.lower() for c in signed.children if c.dep_ in ("compound", "amod")}
        words |= {o.lemma_.lower() for p in signed.children if p.dep_ == "prep" and p.lower_ in ("on", "for")
                  for o in p.children if o.dep_ == "pobj"}
        if words & BUSINESS_DEAL_WORDS:
            return True
    return any(mentions[i].text.split()[-1].lower().strip("<>") in COMPANY_SUFFIXES for i in parties if mentions[i].text.split())


def _is_question(token) -> bool:
    """"ask" putting a question rather than a request: no "to" infinitive and no "for", but
    "about" or a question clause ("asked what/whether/why ...")."""
    children = list(token.children)
    if any(c.dep_ == "xcomp" for c in children) or any(c.dep_ == "prep" and c.lower_ == "for" for c in children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "about" for c in children):
        return True
    sentence = [t for t in token.sent if not t.is_space and not t.is_punct or t.text == "?"]
    if sentence and sentence[-1].text == "?" and any(t.text == ":" for t in token.sent if t.i > token.i):
        return True  # "Then I ask the US: did you have any time limit in Afghanistan?"
    return any(c.dep_ in ("ccomp", "advcl") and any(w.tag_ in ("WP", "WRB", "WDT") or w.lower_ in ("whether", "if")
                                                    for w in c.subtree if w.i < c.i) for c in children)


def _subject(token):
    """(subject token, is it the trigger's own), climbing xcomp/conj/advcl to the governing verb."""
    node = token
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            return subjects[0], node is token
        if node is token and node.dep_ == "advcl" and node.tag_ == "VBG" and node.i > 0:
            # "with both the Tories and Lib Dems pledging higher pensions": the noun after "with"
            # is who does it (the parse hangs the verb on the main clause).
            before = node.doc[node.i - 1]
            while before.dep_ in ("conj", "compound") and before.head.i < before.i:
                before = before.head
            if before.dep_ == "pobj" and before.head.lower_ == "with":
                return before, True
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and node.head.i != node.i:
            node = node.head
            if node.dep_ == "prep":
                node = node.head
            continue
        return None, False
    return None, False


def _statement_author(token):
    """The author of a statement whose participle is the act: the possessor of the statement
    ("Fox's speech criticising ..."), else the subject of the verb that delivers it ("Fox opened
    proceedings with a speech criticising ...", "McLetchie signed a motion questioning ...", "the
    LDP has drawn up a plan calling for tax cuts"). None for other participles."""
    if token.dep_ != "acl" or token.tag_ != "VBG":
        return None
    if token.head.lemma_.lower() not in STATEMENT_NOUNS and not (
            token.head.lemma_.lower() in PLAN_NOUNS and token.lemma_.lower() in REQUEST_GOVERNORS):
        return None  # a plan asks through its author ("drew up a plan calling for tax cuts"), it does nothing
    noun = token.head
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    verb = noun.head
    while verb.dep_ == "prep" and verb.head.i != verb.i:
        verb = verb.head
    if noun.dep_ not in ("dobj", "pobj") or verb.pos_ != "VERB":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _intent_owner(token):
    """Whose threat, offer or plan an infinitive states: "Trump's threat to impose tariffs on
    China" (Trump), "Japan's offer to cut tariffs". None for other verbs."""
    if token.dep_ != "acl" or token.head.lemma_.lower() not in INTENT_NOUNS \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None
    return next((c for c in token.head.children if c.dep_ == "poss"), None)


def _purpose_of_consultation(token) -> bool:
    """"Ministers will meet to discuss X", "a meeting to discuss X": the discussion is what the
    meeting is for, not a second consultation."""
    if token.lemma_.lower() not in ("discuss", "negotiate", "consult", "review") or token.dep_ not in ("advcl", "xcomp", "acl", "relcl"):
        return False
    head = token.head
    if head.pos_ in ("NOUN", "PROPN"):
        return (_event_noun_code(head) or "").startswith("04")
    match = _trigger_match(head) if head.pos_ == "VERB" else None
    return match is not None and match[0].startswith("04")


def _purpose_of_act(token) -> bool:
    """An act in a purpose infinitive ("approved a loan to help lessen its dependence and spur
    development", "plans a trip to China to discuss trade", "a militia raised to fight"): what
    the act is for, which has not happened by being aimed at; except under verbs that carry
    their purpose out (CARRYING_VERBS: "acted to tighten restrictions"). Requests ("urged X to
    act") have their own modality."""
    node = token
    for _ in range(3):
        if node.dep_ not in ("conj", "xcomp") or node.head.i == node.i:
            break
        node = node.head
    if node.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
        return False
    governor = node.head
    return governor.pos_ in ("VERB", "AUX") and governor.lemma_.lower() not in REQUEST_GOVERNORS | CARRYING_VERBS


def _interview_frame(token) -> bool:
    """"Asked (by the agency) about X, the minister said/declined to comment ...": a participle
    of "ask" framing the clause is the question put to a source, not a political request.
    Asked *to do* something ("Asked by the UN to withdraw, Israel said ...") it is a request."""
    return (token.lemma_.lower() == "ask" and token.tag_ == "VBN" and token.dep_ == "advcl"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "xcomp", "ccomp") for c in token.children))


def _accused_party(token, code: str, covered: dict[int, int]) -> bool:
    """"The ruling party, accused of corruption, ...", "the party, in power since 2002 and accused
    of mismanagement": a past participle of accusation that describes a named party is an
    accusation against it, by someone unnamed (the parser attaches the participle to the noun
    as a clause, or, after another modifier, as a conjunct of it)."""
    return (code[:2] == "11" and token.tag_ == "VBN" and token.head.i in covered
            and token.head.pos_ in ("NOUN", "PROPN")
            and not any(c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in token.children)
            and (token.dep_ == "acl" or (token.dep_ == "conj" and token.head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))))


def _is_passive(token, subject, own_subject: bool) -> bool:
    """Is `subject` the patient of `token`? Its own passive subject, or a subject it shares with
    the verb it is coordinated with or completes when it is passive itself: "was accused and
    was tortured", "was arrested and tortured", "before being released"."""
    if subject is None or subject.dep_ != "nsubjpass":
        return False
    if own_subject or any(c.dep_ == "auxpass" for c in token.children):
        return True
    return token.dep_ == "conj" and token.tag_ == "VBN" and not any(c.dep_ == "aux" for c in token.children)


def _participle_carrier(token):
    """(verb, recipient) when a verbal-act participle hangs on the wrong word of another verb's
    phrase: in "Howard has written to Blair demanding an explanation" and "sent a letter to Blair
    demanding ..." the parser attaches "demanding" to "Blair" or "letter", but the demand is the
    writer's, made to Blair. (None, None) otherwise; a participle on a clause subject ("protesters
    demanding reform") keeps its own reading."""
    if token.dep_ != "acl" or token.tag_ != "VBG" or token.lemma_.lower() not in CARRIED_PARTICIPLES:
        return None, None
    noun = token.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.pos_ == "VERB":
        return noun.head.head, noun
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.ent_type_ == "":
        to = next((c for c in noun.head.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
        return noun.head, next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return None, None


def _with_conjuncts(token) -> list:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_with_conjuncts(child))
    return out


def _actor_mentions(arg, mentions, covered: dict[int, int], skip: set[int] = frozenset()) -> list[int]:
    """Mentions of the acting side named by token `arg`: its own mentions, else the party a
    pronoun stands for, else the owner of a role noun ("its warplanes"), else the government of a
    country a role noun names ("the ministry"), else the party a definite noun phrase refers
    back to."""
    return (_argument_mentions(arg, mentions, covered, skip) or _pronoun_antecedent(arg, mentions)
            or _possessor(arg, mentions) or _government_country(arg, mentions) or _definite_antecedent(arg, mentions)
            or _quoted_first_person(arg, mentions, covered))


def _possessor(arg, mentions) -> list[int]:
    """The country or body an "its" stands for, when it owns a role noun: "Iraq said its
    warplanes hit two ships" (the warplanes are Iraq's, not the article's home country's)."""
    if arg.pos_ != "NOUN" or _role_noun_sector(arg) is None:
        return []
    owner = next((c for c in arg.children if c.dep_ == "poss" and c.lower_ == "its"), None)
    return _pronoun_antecedent(owner, mentions) if owner is not None else []


def _quoted_first_person(arg, mentions, covered: dict[int, int]) -> list[int]:
    """"we"/"I" in a quotation whose reporting verb is in another sentence: the speaker's mentions."""
    if arg.pos_ != "PRON" or arg.lower_ not in ("i", "we", "me", "us"):
        return []
    speaker = _quote_speaker(arg)
    if speaker is None or speaker.lower_ in ("i", "we", "me", "us"):
        return []
    return _actor_mentions(speaker, mentions, covered)


def _argument_mentions(arg, mentions, covered: dict[int, int], skip: set[int]) -> list[int]:
    """Indexes of the mentions an argument token stands for (conjuncts included)."""
    found: list[int] = []
    for head in _with_conjuncts(arg):
        if head.i in covered:
            found.append(covered[head.i])
            continue
        if head.pos_ == "PRON" and head.lower_ in ("i", "we", "me", "us"):
            continue  # the writer or an unresolved speaker; what the parse hangs on it is not who it is
        # A common-noun argument ("officials from South Korea and NATO"): entities inside it.
        stack = list(head.children)
        while stack:
            node = stack.pop(0)
            if node.dep_ == "acl" and head.lemma_.lower() in AUTHORED_NOUNS:
                # "comments made by Donald Trump": the words stand for their author.
                stack.extend(o for a in node.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj")
                continue
            if node.dep_ in ("relcl", "acl", "ccomp", "advcl") or node.i in skip:
                continue
            if node.dep_ == "amod" and node.lemma_.lower() in SPONSOR_PARTICIPLES:
                continue  # "United States-backed fighters" are not the United States
            if node.i in covered:
                found.append(covered[node.i])
                stack.extend(c for c in node.children if c.dep_ == "conj")
                continue
            stack.extend(node.children)
    unique = []
    for index in found:
        if index not in unique and mentions[index].label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            unique.append(index)
    return unique


def _that_clause(clause) -> bool:
    """A clause the parser hung as a relative clause that is a "that" complement: "a complaint
    that X was ...", "charged during the debate that Canada was trying ..." (its "that" marks
    it, or opens it before a subject of its own, which a relative "that" would be itself)."""
    if clause.dep_ != "relcl":
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return True
    first = clause.left_edge
    return (first.lower_ == "that" and first.dep_ not in ("nsubj", "nsubjpass")
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN") for c in clause.children))


def _accused(token, mentions, covered: dict[int, int]) -> list[int]:
    """Whom an accusation is about when it has no object: the subject of its "that" clause
    ("charged that Canada was trying ...", "a complaint that a Canadian law was ..."), also when
    the parser hung the clause on a phrase in between ("charged during the debate that ...")."""
    clauses = list(token.children)
    clauses += [clause for prep in token.children if prep.dep_ == "prep" for noun in prep.children
                if noun.dep_ == "pobj" for clause in noun.children if _that_clause(clause)]
    for clause in clauses:
        if clause.dep_ not in ("ccomp", "acl", "advcl") and not _that_clause(clause):
            continue
        for subject in clause.children:
            if subject.dep_ in ("nsubj", "nsubjpass"):
                found = _argument_mentions(subject, mentions, covered, set())
                if found:
                    return found
                for node in subject.subtree:  # "a Canadian law": the country modifying it
                    index = covered.get(node.i)
                    if index is not None and (mentions[index].gazetteer_id or "").startswith("country:"):
                        return [index]
    return []


def _sentence_starts(doc) -> list[int]:
    """Token index where each sentence starts, made once per doc (kept in its user_data): the
    pronoun and government look-backs ask for it per argument, and Doc.sents walks the doc."""
    cached = doc.user_data.get("dateline_sentence_starts")
    if cached is None:
        cached = doc.user_data["dateline_sentence_starts"] = [s.start for s in doc.sents]
    return cached


def _sentence_start(doc, index: int) -> int:
    """Start of the sentence holding token `index` (Token.sent walks the doc to find it)."""
    starts = _sentence_starts(doc)
    return starts[bisect.bisect_right(starts, index) - 1]


def _sentences_up_to(token) -> list[int]:
    """Starts of the sentences up to and including the token's own."""
    starts = _sentence_starts(token.doc)
    return starts[:bisect.bisect_right(starts, token.i)]


def _government_country(token, mentions) -> list[int]:
    """"the government", "the administration", "his ministry" with no name inside: the country
    named last before it (this sentence or the two before), as CAMEO codes an unnamed government
    by the country in context. Nothing when no country was named that close."""
    if token.lemma_.lower() not in GOVERNMENT_NOUNS or token.pos_ != "NOUN":
        return []
    sentence_starts = _sentences_up_to(token)
    window_start = sentence_starts[-3] if len(sentence_starts) >= 3 else 0
    for index in range(len(mentions) - 1, -1, -1):
        m = mentions[index]
        if m.end <= token.i and m.start >= window_start and (m.gazetteer_id or "").startswith("country:"):
            return [index]
    return []


def _speaker(pronoun, trigger):
    """The subject of the reporting verb whose clause holds the trigger, when the trigger's own
    subject is a pronoun: in "Pyongyang said it would ..." and "The commissioner says he is
    asking ..." the pronoun is the speaker (design notes 5.4). None otherwise."""
    if pronoun.lower_ not in ("he", "she", "it", "they", "we", "i"):
        return None
    node = trigger
    for _ in range(3):
        if node.dep_ != "ccomp" or node.head.i == node.i:
            node = node.head if node.dep_ in ("xcomp", "conj") and node.head.i != node.i else None
            if node is None:
                return None
            continue
        governor = node.head
        if governor.lemma_.lower() in REPORTING_VERBS:
            subjects = [c for c in governor.children if c.dep_ == "nsubj"] or (
                # "X has said ..., and said he would not apologise": the second "said" shares X
                [c for c in governor.head.children if c.dep_ == "nsubj"] if governor.dep_ == "conj" else [])
            if subjects and subjects[0].pos_ != "PRON":
                return subjects[0]
            return None
        node = governor
    return None


def _conjunct_subject(pronoun, trigger):
    """"they" as the subject of a verb coordinated with an earlier one is that verb's plural
    subject: "Opposition parties want more local policing but they accuse ministers of ...".
    None otherwise (a "they" with no such subject is mostly a group the text does not name)."""
    if pronoun.lower_ != "they" or trigger.dep_ != "conj" or trigger.head.i == trigger.i:
        return None
    subject = next((c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    return subject if plural else None


def _quotations(doc) -> list[tuple[int, int, int, bool]]:
    """(paragraph start, opening mark, closing mark or the paragraph's last token, closed?) of
    each quotation of the doc, within paragraphs (a blank line ends one). Curly marks open and
    close; a straight mark opens when no quotation is open. Made once per doc (kept in its
    user_data: token indexes only)."""
    cached = doc.user_data.get("dateline_quotations")
    if cached is not None:
        return cached
    out = []
    paragraph, open_at = 0, None
    for t in doc:
        if t.is_space and "\n" in t.text:
            if open_at is not None:
                out.append((paragraph, open_at, t.i - 1, False))
            paragraph, open_at = t.i + 1, None
        elif t.text == "\u201c" or (t.text == '"' and open_at is None):
            open_at = t.i
        elif t.text in ('"', "\u201d") and open_at is not None:
            out.append((paragraph, open_at, t.i, True))
            open_at = None
    if open_at is not None:
        out.append((paragraph, open_at, len(doc) - 1, False))
    doc.user_data["dateline_quotations"] = out
    return out


def _quotation(token) -> tuple[int, int, int | None] | None:
    """(paragraph start, index of the opening mark, index of the closing mark or None when the
    paragraph ends first) of the quotation the token lies in; None outside quotes."""
    for paragraph, open_at, close_at, closed in _quotations(token.doc):
        if open_at < token.i <= close_at:
            return paragraph, open_at, close_at if closed else None
    return None


def _quote_speaker(token):
    """The speaker of the quotation the token lies in, when the quotation runs over sentences
    and its reporting verb is outside the token's sentence: 'Carlile said: "... They should be
    returned ... These detainees should be prosecuted."' (Carlile), '"... we can do more," he
    said' (he). The subject of the reporting verb just before the opening mark or just after
    the closing one; None otherwise."""
    quotation = _quotation(token)
    if quotation is None:
        return None
    doc = token.doc
    paragraph, open_at, close_at = quotation
    before = open_at - 1
    while before >= 0 and doc[before].text in (":", ","):
        before -= 1
    verbs = [doc[before]] if before >= 0 else []
    if close_at is not None:
        verbs += [t for t in doc[close_at + 1:min(close_at + 5, len(doc))] if t.pos_ == "VERB"][:1]
    if open_at == paragraph and close_at is not None and open_at > 1:
        # A quoted paragraph with no reporting verb of its own continues the speaker of the
        # paragraph before: 'He said he accepted the balance ... [new paragraph] "These
        # detainees should be prosecuted and tried."'
        before_start = _sentence_start(doc, open_at - 2)
        verbs += [t for t in reversed(doc[before_start:open_at - 1]) if t.pos_ == "VERB"
                  and t.lemma_.lower() in REPORTING_VERBS][:1]
    own = _sentence_start(doc, token.i)
    for verb in verbs:
        if verb.lemma_.lower() in REPORTING_VERBS and _sentence_start(doc, verb.i) != own:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    return None


def _definite_antecedent(token, mentions) -> list[int]:
    """"the community", "the bank": the last organisation named before it whose name ends in
    that noun ("the European Community ... the community would retaliate"). [] otherwise."""
    if token is None or token.pos_ != "NOUN" or token.i in {i for m in mentions for i in range(m.start, m.end)}:
        return []
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) or any(
            c.dep_ in ("compound", "amod", "poss") for c in token.children):
        return []
    for index in range(len(mentions) - 1, -1, -1):
        m = mentions[index]
        if m.end <= token.i and m.label == "ORG" and m.end - m.start > 1 and m.text.split()[-1].lower() == token.lower_:
            return [index]
    return []


def _condition_subject(token) -> list:
    """[subject of the "if" clause] of a threatened act: in "if Congress passed the bill, the
    community would retaliate" the threat is made against Congress. Looks at the trigger and up
    to two governing verbs (the clause often hangs on "have" in "would have to retaliate")."""
    node = token
    for _ in range(3):
        for clause in node.children:
            if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children):
                return [c for c in clause.children if c.dep_ == "nsubj" and c.pos_ != "PRON"][:1]
        if node.head.i == node.i or node.dep_ not in ("xcomp", "conj", "ccomp"):
            break
        node = node.head
    return []


def _reporter(clause):
    """The subject of the reporting verb that governs `clause` (through at most three ccomp,
    conj or xcomp links), a relative "who" replaced by the noun it stands for ("forces on the
    ground who said ..."); None when the clause is not reported."""
    node = clause
    for _ in range(3):
        if node.head.i == node.i or node.dep_ not in ("ccomp", "conj", "xcomp"):
            return None
        node = node.head
        if node.lemma_.lower() in REPORTING_VERBS:
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ in ("who", "which", "that") and node.dep_ == "relcl":
                subject = node.head
            return subject
    return None


def _is_subject_mention(m, doc) -> bool:
    """The mention is the subject of its clause (or in apposition to one): the salient entity a
    later pronoun most likely points back to ("Kim met Bauer. He said ..." is Kim)."""
    head = doc[m.start:m.end].root
    while head.dep_ in ("appos", "conj", "compound") and head.head.i != head.i:
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass")


def _pronoun_antecedent(token, mentions, exclude: frozenset[int] = frozenset()) -> list[int]:
    """"he"/"she": the last person that was a clause subject, in this sentence or the one before
    (a subject is the salient candidate; the last person named is often an object or a quoted
    name); else the last person named. "it"/"its": likewise the last country or
    organisation that was a subject; nothing else, since "it" is mostly not a party. Not "they":
    in quotes it is mostly a group the quote does not name."""
    word = token.lower_
    if word in ("he", "she", "him", "her", "his"):
        labels = ("PERSON",)
    elif word in ("it", "its"):
        labels = ("ORG", "GPE", "NORP")
    else:
        return []
    doc = token.doc
    sentences = _sentences_up_to(token)
    window_start = sentences[-2] if len(sentences) >= 2 else 0
    candidates = [i for i in range(len(mentions) - 1, -1, -1)
                  if i not in exclude and mentions[i].label in labels and mentions[i].end <= token.i and mentions[i].start >= window_start
                  and (mentions[i].label != "GPE" or (mentions[i].gazetteer_id or "").startswith("country:"))]
    for index in candidates:
        if _is_subject_mention(mentions[index], doc):
            return [index]
    if labels == ("PERSON",):
        sentence = sentences[-1] if sentences else 0
        for index in range(len(mentions) - 1, -1, -1):
            m = mentions[index]
            if index not in exclude and m.label == "PERSON" and m.end <= token.i \
                    and _sentence_start(doc, m.start) >= sentence - 200:
                return [index]
    return []


def _governed_by(token, lemmas: frozenset, depth: int = 3) -> bool:
    node = token
    for _ in range(depth):
        if node.head.i == node.i:  # spaCy makes a new Token per access: compare positions
            return False
        node = node.head
        if node.lemma_.lower() in lemmas:
            return True
    return False


def _status_and_code(token, code: str) -> tuple[str, str]:
    """Modality: (status, code) with intent/threat recoding."""
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if token.dep_ == "conj":  # "will complete his term and step down": the aux is on the first verb
        aux |= {c.lower_ for c in token.head.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"may", "might", "could"} and "have" in aux:
        return "alleged", code  # "Israel may have carried out the strike": a guess about the past
    head_lemma = token.head.lemma_.lower() if token.head.i != token.i else ""
    intent = bool(aux & FUTURE_AUX) or (token.dep_ in ("xcomp", "pcomp") and head_lemma in INTENT_GOVERNORS)
    if token.dep_ in ("xcomp", "pcomp", "prep") and head_lemma in INTENT_GOVERNORS:
        intent = True
    if token.dep_ == "acl" and head_lemma in INTENT_NOUNS and token.tag_ != "VBG":
        intent = True  # "Trump's threat to impose tariffs", "the offer to cut tariffs": not (yet) done
    if token.head.dep_ == "prep" and token.head.head.lemma_.lower() in INTENT_GOVERNORS:
        intent = True
    if token.dep_ == "xcomp" and {c.lower_ for c in token.head.children if c.dep_ == "aux"} & FUTURE_AUX:
        intent = True  # "would have to retaliate", "will need to withdraw": the act is conditional or to come
    if token.dep_ == "xcomp" and head_lemma == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        intent = True  # "the board is to hold a meeting": arranged, not yet held
    if (token.dep_ == "pcomp" and token.head.lower_ in ("before", "after", "until") and token.head.head.pos_ in ("VERB", "AUX")
            and {c.lower_ for c in token.head.head.children if c.dep_ == "aux"} & FUTURE_AUX):
        intent = True  # "will see an orphanage before chairing a meeting": the act is to come as well
    if _scheduled(token):
        intent = True  # "finance ministers meet next week", "are meeting U.S. negotiators next month": arranged
    root = code[:2]
    if intent and root in ("02", "10"):
        return "intent", ""  # "will ask the Queen to ...": a request not yet made; CAMEO has no intent-to-demand
    if intent and root in INTENT_CODE:
        return "intent", INTENT_CODE[root]
    if intent and root in THREAT_CODE:
        return "threat", THREAT_CODE[root]
    if _governed_by(token, ALLEGATION_GOVERNORS):
        return "alleged", code
    return "asserted", code


def _scheduled(token) -> bool:
    """A verb in the present tense dated to a time still to come ("meet next week", "visits
    Washington later this month", "are holding talks tomorrow"): arranged, not yet done."""
    present = token.tag_ in ("VBP", "VBZ") or (token.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'s", "'re") for c in token.children))
    if not present:
        return False
    when = _date_expression(token)
    return when is not None and FUTURE_DATE_WORDS.search(when) is not None


def _speculated(token) -> bool:
    """The act is one that could or might happen ("could reach agreement", "militiamen could
    still encounter resistance"): a guess, not an act nor an intent. A party saying it could or
    might act ("Iran said it might retaliate") still states an intent or threat; "may" (a
    party's leave or plan: "Japan may impose tariffs") and "could have" (alleged, see
    _status_and_code) are not guesses here."""
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if not aux & {"could", "might"} or "have" in aux:
        return False
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is None or _speaker(subject, token) is None


def _tense(token, status: str) -> str:
    if status in ("intent", "threat"):
        return "future"
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if token.dep_ == "conj":
        aux |= {c.lower_ for c in token.head.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX:
        return "future"
    return "past"


def _date_expression(token) -> str | None:
    """Text of the DATE entity attached to the trigger ("on Tuesday", "next Wednesday")."""
    doc = token.doc
    for node in [token] + [c for c in token.children if c.dep_ == "prep"]:
        for child in node.children:
            if child.ent_type_ == "DATE" and child.dep_ in ("npadvmod", "pobj", "tmod", "advmod", "obl"):
                ent = next((e for e in doc.ents if e.start <= child.i < e.end and e.label_ == "DATE"), None)
                if ent is not None:
                    return ent.text
    return None


@functools.cache
def _org_countries() -> dict[str, str]:
    """org_id -> ISO3 of organisations that belong to one country (IGOs and stateless groups left out)."""
    frame = seeds.organisations().unique("org_id", keep="first", maintain_order=True)
    return {o: c for o, c in frame.select("org_id", "country").iter_rows() if c and len(c) == 3 and c != "IGO"}


def _mention_country(m) -> str | None:
    """ISO3 a mention refers to by itself: a country or city, a one-country organisation, a
    person or body with a country hint. None for IGOs and unplaced names."""
    gid = m.gazetteer_id or ""
    if gid.startswith(("country:", "city:")):
        iso3 = gid.split(":")[1]
    elif gid.startswith("org:"):
        iso3 = _org_countries().get(gid[4:])
    else:
        iso3 = m.country_hint
    return iso3 if iso3 and len(iso3) == 3 and iso3 != "IGO" else None


def _country_counts(mentions) -> Counter:
    return Counter(c for c in (_mention_country(m) for m in mentions) if c)


def home_country(mentions, min_references: int = settings.MIN_HOME_COUNTRY_REFERENCES) -> str | None:
    """ISO3 of the country an article is about: the country its mentions refer to most (countries,
    demonyms, cities, one-country organisations such as parties or ministries, titled people),
    when referred to at least `min_references` times and more than any other. None otherwise."""
    ranked = _country_counts(mentions).most_common(2)
    if not ranked or ranked[0][1] < min_references or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _role_noun_sector(token) -> str | None:
    """Sector of a role noun acting without a name ("police" COP, "Kurdish forces" MIL,
    "militants" UAF, a capitalised title the tagger left untagged: "the Lord Chancellor" GOV);
    None for names, pronouns and things."""
    if token is None or not (token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_)):
        return None  # a capitalised title is a role too: "the Lord Chancellor", "the Home Secretary"
    if any(c.dep_ == "poss" and c.lower_ in SPEAKER_POSSESSIVES for c in token.children):
        return None  # "our forces": the speaker's side, whoever that is
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return None  # "members of the coalition": the coalition is the party
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma.endswith("s") and lemma not in ROLE_SECTORS:
        lemma = lemma[:-1]  # a capitalised plural the tagger left unlemmatised: "MPs", "Peers"
    compounds = [c.lower_ for c in token.children if c.dep_ in ("compound", "amod")]
    if lemma == "party" and set(compounds) & PARTY_MODIFIERS:
        return "PTY"  # "opposition parties", "the ruling party": the article's country's politics, not parties to a deal
    sector = ROLE_SECTORS.get(lemma)
    if sector is None and compounds:
        sector = _agent_sectors().get(f"{' '.join(compounds)} {lemma}")
    if sector is None:
        sector = _agent_sectors().get(lemma)
    return sector or None


def _role_sector(token) -> str | None:
    """Sector of a role noun standing for a state body ("police" COP, "Kurdish forces" MIL, "the
    prime minister" GOV), which takes a country from context; None for armed non-state roles."""
    sector = _role_noun_sector(token)
    return sector if sector not in NON_STATE_SECTORS else None


def _agent_role(token) -> str | None:
    """Sector of a non-state agent noun ("militants" UAF, "rebels" REB, "students" EDU): a side
    the events table can hold by its role when no country is known for it. Not a state role
    ("police", "the government"): a state body of unknown state says nothing codable."""
    sector = _role_noun_sector(token)
    return sector if sector not in STATE_SECTORS else None


def _unaffiliated(token) -> bool:
    """The side is people of no named party or role: "12 people", "three civilians", "a convoy"
    (not "militants", a role the events table holds as such, nor a pronoun, which stands for
    someone named elsewhere)."""
    return token is not None and token.pos_ in ("NOUN", "NUM") and _role_noun_sector(token) is None


def _accidental(token) -> bool:
    """The killing or damage is an accident, a disaster or a disease, no one's act: "killed in a
    road accident", "a bus crash killed 30", "the fire killed 12", "Covid-19 killed 300"."""
    subject = _subject(token)[0]
    words = [subject] if subject is not None else []
    words += [o for c in token.children if c.dep_ in ("prep", "agent") for o in c.children if o.dep_ == "pobj"]
    return any(w.lemma_.lower().split("-")[0] in ACCIDENT_WORDS | NATURAL_FORCES
               and not any(c.dep_ in ("amod", "compound", "poss") and c.ent_type_ for c in w.children)  # "Israeli fire"
               for w in words)


def _is_policy(token) -> bool:
    """The argument names a policy ("the maternity pay plan", "the timing of the new rules")."""
    return token is not None and token.pos_ == "NOUN" and any(
        t.lemma_.lower() in POLICY_NOUNS for t in [token] + [c for c in token.subtree if c.dep_ in ("pobj", "compound")])


def _stateless_only(indexes: list[int], mentions) -> bool:
    """Only nationality-less group words ("Kurdish", "Shia"): no party the events table can hold."""
    return bool(indexes) and all(mentions[i].label == "NORP" and not (mentions[i].gazetteer_id or "").startswith("country:")
                                 for i in indexes)


def _protesters_country(code: str, actors: list[int], actor_hint: str | None, guess: bool,
                        place: str | None, home: str | None) -> tuple[str | None, bool]:
    """(country hint, is it a guess) of a protest's side: protesters of no named party are the
    people of where they protest, else of the country the article is about ("thousands of
    workers went on strike in France", "students demonstrated in Cairo"). Other events keep theirs."""
    if code[:2] != "14" or actors or actor_hint is not None or (place or home) is None:
        return actor_hint, guess
    return place or home, True


def _visit_destination(code: str, actors: list[int], actor_hint: str | None, recipients: list[int],
                       recipient_hint: str | None, recipient_guess: bool, mentions, home: str | None):
    """(recipient hint, is it a guess) of a visit: a visit with no destination named ("the visit of
    U.S. Secretary of State Shultz") is to the country the article is about, when the visitor is
    from elsewhere. Other events keep their recipient."""
    if code not in ("042", "036") or recipients or recipient_hint or home is None:
        return recipient_hint, recipient_guess
    visitor = actor_hint or (_mention_country(mentions[actors[0]]) if actors else None)
    if visitor is None or visitor == home:
        return recipient_hint, recipient_guess
    return home, True


def _home_target(code: str, actors: list[int], actor_hint: str | None, recipients: list[int],
                 recipient_hint: str | None, recipient_guess: bool, mentions, place: str | None):
    """(recipient hint, is it a guess) of an act of HOME_TARGET_ROOTS with no target of known
    country: the actor's own country, as ICEWS and the coders code it. A protest with no target
    named ("mass protests", "workers struck demanding payment of salaries") is against the
    protesters' own government (PLOVER: "protests against the recipient"); an appeal, accusation,
    meeting, endorsement or rejection naming no one of a country ("called for an independent
    inquiry", "accused the party of ...", "urged politicians to ...", "backed the proposal") is a
    domestic one; but talks with no partner named, in a story of two countries, are between the
    two ("Japan's trade minister held talks" in a story of Japan and Korea: `_other_country`).
    A target placed by the gazetteer keeps its own ("criticised the EU"); a person of no known
    country is the actor's compatriot ("accused Mr Smith"), but a named organisation or place of
    none may be foreign ("talks with Quintette Coals Ltd", "criticised Europe"), and no country is
    made up for it. Nor for an act done in another country ("boycotted the summit in Russia"),
    nor for a visit, which with no destination named may be abroad (`_visit_destination`), nor
    when the actor's side names two parties or more ("Kim and Bauer held talks": they are each
    other's). Other events keep their recipient."""
    if code[:2] not in HOME_TARGET_ROOTS or code == "042" or recipient_hint or len(actors) > 1 or any(
            mentions[i].gazetteer_id or mentions[i].country_hint or mentions[i].label != "PERSON" for i in recipients):
        return recipient_hint, recipient_guess
    country = actor_hint or next((c for c in (_mention_country(mentions[i]) for i in actors) if c), None) \
        or (place if code[:2] == "14" else None)
    if place is not None and country is not None and place != country:
        return recipient_hint, recipient_guess  # done abroad: not a domestic act
    if country and code[:2] == "04":
        country = _other_country(mentions, country) or country
    return (country, True) if country else (recipient_hint, recipient_guess)


def _other_country(mentions, home: str, min_references: int = settings.MIN_HOME_COUNTRY_REFERENCES) -> str | None:
    """The article's second country: referred to most after `home`, at least `min_references`
    times, more than any third and at least a third as often as `home`. None in a one-country
    story, and none for a country that is only the story's topic ("the Iraq war", named 3 times
    in a British story that names Britain 12)."""
    counts = _country_counts(mentions)
    ranked = [(c, n) for c, n in counts.most_common() if c != home][:2]
    if not ranked or ranked[0][1] < min_references or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    if ranked[0][1] * 3 < counts.get(home, 0):
        return None
    return ranked[0][0]


def _sentence_country(token, mentions, exclude: set[int]) -> str | None:
    """ISO3 that the token's own sentence attaches to someone, outside the event's parties: a
    nationality word or country used as a modifier ("a Syrian commander", "US officials"), a
    one-country organisation ("the Pentagon"), a person of known country. Countries that are
    only places or topics ("in Syria", "on Iraq") do not count. None unless one country leads."""
    if token is None:
        return None
    doc, sent = token.doc, token.sent
    counts: Counter = Counter()
    for index, m in enumerate(mentions):
        if index in exclude or not (sent.start <= m.start < sent.end):
            continue
        gid = m.gazetteer_id or ""
        if gid.startswith(("country:", "city:")):
            root = doc[m.start:m.end].root
            if m.label != "NORP" and root.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            iso3 = gid.split(":")[1]
        elif gid.startswith("org:"):
            iso3 = _org_countries().get(gid[4:])
        else:
            iso3 = m.country_hint
        if iso3 and len(iso3) == 3 and iso3 != "IGO":
            counts[iso3] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _party_hint(indexes: list[int], head, mentions, covered: dict[int, int], doc, home: str | None,
                policy_target: bool = False, others: list[int] = (),
                other_country: str | None = None, place: str | None = None) -> tuple[list[int], str | None, str | None, bool]:
    """(party mention indexes, country hint, sector hint, hint is a guess from context) of one side.

    The hint is the first party's country when its entity may have none: named in its phrase
    ("U.S. Trade Representative Clayton Yeutter"); else, for a person or organisation of no
    known country, the article's home country. A side with no party but a state role noun
    ("police", "Kurdish forces", "the prime minister") is coded by that noun: the home country
    (else the country of `place`, where the act happened) and the noun's sector. A policy with no
    author (`policy_target`) is the home country's. A side named only by a non-state role
    ("militants") keeps its sector and no country."""
    if _stateless_only(indexes, mentions):
        country = _stateless_country(indexes[0], mentions, (_phrase_place(head, mentions, covered), place))
        if country is not None:
            return [], country, _role_sector(head), True
        indexes = []
    if indexes:
        hint = _country_hint(indexes, mentions, covered, doc)
        if hint is not None:
            return indexes, hint, None, False
        first = mentions[indexes[0]]
        gid = first.gazetteer_id or ""
        unknown = not first.country_hint and not gid.startswith(("country:", "city:", "region:", "org:")) and (
            first.label == "PERSON" or (first.label == "ORG" and organisation_key(first.text) not in _seeded_org_countries()))
        if unknown:
            # The party's own sentence before the article's home country: in a two-country story
            # the home country is the other side's as often as this one's.
            local = _sentence_country(head, mentions, set(indexes) | set(others))
            guess = local or home
            if guess is not None and local is None and guess in {_mention_country(mentions[i]) for i in others} | {other_country}:
                # The other side is the home country: in a two-country story this side is more
                # likely the other country the article is about than a second home party.
                guess = _other_country(mentions, guess) or guess
            if guess is not None:
                return indexes, guess, None, True
        return indexes, None, None, False
    if head is not None and head.lower_ in ETHNIC_COUNTRIES:
        # A group word the parse left untagged ("the Kurds in northern Syria"): the state it is in.
        for where in (_phrase_place(head, mentions, covered), place):
            if where in ETHNIC_COUNTRIES[head.lower_]:
                return [], where, _role_sector(head), True
    sector = _role_sector(head)
    if sector is not None and (home or place) is not None:
        # The article's country; in an article about none, the country of the place the act
        # happened at ("police in Cairo" are Egypt's).
        return [], home or place, sector, True
    if policy_target and home is not None and _is_policy(head):
        return [], home, None, True
    # A role of no known country ("militants attacked", "aid donors promised"): held by its sector.
    return [], None, _agent_role(head), False


@functools.cache
def _seeded_org_countries() -> dict[str, str | None]:
    """Resolution key of every seeded organisation alias ("isis", "islamic state") -> its country
    (None for IGOs' members-at-large and stateless groups): their country is known, not guessed."""
    return {organisation_key(a): (c or None) for a, c in seeds.organisations().select("alias", "country").iter_rows()}


def _phrase_place(head, mentions, covered: dict[int, int]) -> str | None:
    """Country of a place named in the side's own phrase ("the Kurds in northern Syria")."""
    if head is None:
        return None
    index = _location_mention(head, None, mentions, covered, set())
    return _mention_country(mentions[index]) if index is not None else None


def _stateless_country(index: int, mentions, places: tuple[str | None, ...] = ()) -> str | None:
    """A country for a nationality-less group word: the country of the place the act happened
    at, when it is one of the group's ("an operation against the Kurds in northern Syria"),
    else the one the article names most: "Kurdish forces" in a story about Syria are Syrian
    (CAMEO codes Kurdish militias by the state they fight in)."""
    candidates = ETHNIC_COUNTRIES.get(mentions[index].text.lower().strip())
    if not candidates:
        return None
    for place in places:
        if place in candidates:
            return place
    counts = Counter(
        (m.gazetteer_id or "").split(":")[1] for m in mentions
        if (m.gazetteer_id or "").startswith(("country:", "city:")) and (m.gazetteer_id or "").split(":")[1] in candidates)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def doc_event_mentions(doc, mentions) -> list[dict]:
    """Raw event mentions of one parsed article: one dict per coded trigger.

    Argument references are indexes into `mentions` (the article's Mention list).
    """
    covered = {}
    for index, m in enumerate(mentions):
        for i in range(m.start, m.end):
            covered[i] = index
    home = home_country(mentions)
    nominal: list = []
    out = []
    consumed: set[int] = set()  # object nouns a verb trigger already coded ("held talks")
    promised: dict[int, list[int]] = {}  # verb trigger offset -> offsets of its xcomp verbs ("agreed to lend")
    stances: list = []  # (sentence_index, sentence, clause span, row): requests and judgements read off statements
    for sentence_index, sent in enumerate(doc.sents):
        if found := _quoted_statement(sent, mentions, covered, home):
            stances.append((sentence_index, sent, *found))
        for token in sent:
            if token.pos_ in ("NOUN", "PROPN") and _event_noun_code(token) is not None:
                nominal.append((sentence_index, sent, token))
                continue
            if token.pos_ == "VERB" and token.lemma_.lower() in NAMING_VERBS | {"dismiss"} and (
                    row := _named_accusation(token, mentions, covered, home)):
                out.append({"sentence_index": sentence_index, "start_char": sent.start_char,
                            "end_char": sent.end_char, "quote": sent.text, **row})
                continue
            if token.lemma_.lower() in NAMING_VERBS and any(c.dep_ == "oprd" for c in token.children):
                continue  # "Turkey called the meeting a success": naming, not calling a meeting
            if token.pos_ == "VERB" and token.lemma_.lower() in STANCE_VERBS and (
                    row := _stated_accusation(token, mentions, covered, home)):
                out.append({"sentence_index": sentence_index, "start_char": sent.start_char,
                            "end_char": sent.end_char, "quote": sent.text, **row})
                continue
            if token.pos_ == "VERB" and token.lemma_.lower() in REQUEST_STATEMENT_VERBS \
                    and not any(c.dep_ == "neg" for c in token.children) and (
                    found := _stated_request(token, mentions, covered, home) or (
                        token.lemma_.lower() in STATEMENT_VERBS and (_stated_threat(token, mentions, covered, home)
                                                                     or _stated_stance(token, mentions, covered, home)))):
                stances.append((sentence_index, sent, *found))
                if found[1]["cameo_code"] in ("020", "100"):
                    continue  # "agreed that China should let its currency rise": the request is the act
            if token.pos_ != "VERB":
                continue
            demand = _is_demand(token)
            # "warned against proposed changes", "warned Blair about the dangers of disunity":
            # disapproval (111), not the report of a warning's content
            warning = token.lemma_.lower() == "warn" and not demand and any(
                c.dep_ == "prep" and c.lower_ in ("against", "about", "of") and any(o.dep_ == "pobj" for o in c.children)
                for holder in [token] + [o for d in token.children if d.dep_ == "dobj" for o in _with_conjuncts(d)]
                for c in holder.children)
            if token.lemma_.lower() in REPORTING_VERBS and not (demand or warning):
                continue
            negated = any(c.dep_ == "neg" for c in token.children)
            if negated and token.dep_ not in ("ROOT", "ccomp", "conj"):
                continue  # negated: not an event
            if token.dep_ in ("xcomp", "advcl", "conj", "ccomp") and _governed_by(token, REQUEST_GOVERNORS, 2):
                continue  # the content of a request, not an act
            if token.dep_ == "xcomp" and _is_demand(token.head):
                continue  # what a party was told to do is the content of the demand
            if token.dep_ == "xcomp" and (token.head.lemma_.lower() in NEGATING_GOVERNORS
                                          or any(c.dep_ == "neg" for c in token.head.children)):
                continue  # "refused to discuss", "did not agree to resume talks": it did not happen
            if token.dep_ in ("acl", "ccomp", "relcl") and token.head.pos_ == "NOUN" and token.head.lemma_.lower() in CLAIM_NOUNS:
                continue  # "dismissed the claim he had reneged on a promise": claimed, not asserted
            if token.dep_ in ("ccomp", "xcomp") and token.head.lemma_.lower() in DENYING_VERBS:
                continue  # "Israel denied that it had carried out the strike", "denied accusing Germany": not asserted
            if _deontic(token) or _asked_for(token):
                continue  # "Japan should open its markets", "wants Tokyo to ease": asked for, not done (see _stated_request)
            if token.dep_ == "acl" and PLOT_NOUNS & ({token.head.lemma_.lower()} | {
                    o.lemma_.lower() for p in token.head.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"}):
                continue  # "details of the plot to kill British soldiers" (the parse may hang it on "details"): charged, not done
            if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children) or (
                    token.dep_ == "xcomp" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.head.children)):
                continue  # "if Congress passed legislation", "whether the US plans to withdraw": hypothetical
            if (token.dep_ == "xcomp" and token.head.lemma_.lower() in ("likely", "unlikely")) or (
                    token.head.lemma_.lower() == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in ("likely", "unlikely")
                                                              for c in token.head.children)):
                continue  # "the bank is likely to approve three loans", "it is likely that ...": a forecast, not an act
            if _interview_frame(token):
                continue  # "Asked (by reporters) about X, Y said": the question put to a source, not a request
            if _speculated(token):
                continue  # "officials were optimistic the US and the Soviet Union could reach agreement": a guess
            if token.dep_ == "relcl" and token.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in token.children):
                continue  # "Turkey, which occupies northern Cyprus", "a group which it supports": a standing state, not an act
            carrier, carried_to = _participle_carrier(token)
            author = _statement_author(token) or _intent_owner(token)
            described = carrier is None and author is None and token.dep_ in ("acl", "amod") and token.tag_ in ("VBN", "VBG") \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in token.children)
            denial = token.lemma_.lower() in ("deny", "refute") and any(c.dep_ in ("ccomp", "xcomp") for c in token.children) \
                and not any(c.dep_ == "dobj" for c in token.children)
            # "Brown denied his forecasts were too optimistic", "denied accusing Germany": a rejection (120)
            # "holding Russia responsible for gas attacks", "holds Moscow accountable": an accusation (112)
            holding = token.lemma_.lower() == "hold" and any(
                c.dep_ in ("ccomp", "oprd", "xcomp", "acomp") and c.lemma_.lower() in ACCUSING_ADJECTIVES | {"accountable"}
                for c in token.children)
            match = ("100", 0, None) if demand else ("120", 0, None) if denial else ("112", 0, None) if holding \
                else ("111", 0, None) if warning else _trigger_match(token)
            if match is None:
                continue
            if negated:
                if not (match[0][:2] == "05" or match[0] in YIELDING_CODES) or next(
                        (t.text for t in reversed(token.sent) if not t.is_space and t.text not in QUOTE_MARKS), "") == "?":
                    continue  # negated: not an event ("won't you support us?" asks)
                refuser = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if token.dep_ == "ccomp" and (refuser is None or _speaker(refuser, token) is None):
                    continue  # "warned that Labour members would not forgive anybody": said of others, not refused
                if token.dep_ == "conj" and token.head.lemma_ == token.lemma_:
                    continue  # "we do not support and will not support": one refusal
                # "would not bow to demands", "will not support Soviet membership", "would not
                # apologise": a party refusing to yield or support rejects (CAMEO 120, PLOVER REJECT).
                match = ("120", match[1], match[2])
            if match[0][:2] == "10" and token.dep_ in ("advcl", "xcomp") and token.tag_ == "VBG" \
                    and token.head.lemma_.lower() in PROTESTING_VERBS:
                continue  # "workers struck demanding payment of salaries": what the protest is for
            if _purpose_of_consultation(token) or _purpose_of_act(token):
                continue  # "will meet in Abu Dhabi to discuss ...", "approved a loan to help spur ...": what the act is for
            accused_party = _accused_party(token, match[0], covered)
            if described and not accused_party:
                continue  # a participle describing a noun ("remnants captured", "talks aimed at"): no act of its own
            if token.dep_ == "pcomp" and token.head.lower_ == "by" and token.head.head.pos_ == "VERB" \
                    and _trigger_match(token.head.head) is not None:
                continue  # "retaliate by imposing taxes": the means of the coded act, not a second act
            code, specificity, obj_token = match
            if token.lemma_.lower() == "agree" and code == "030" and any(
                    c.dep_ == "prep" and c.lower_ == "with" for c in token.children) and not any(
                    c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("on", "to", "over"))
                    for c in token.children):
                code = "051"  # "agreed with the NAO's assessment", "I agree with him": an endorsement, not a deal
            if token.lemma_.lower() in ASPIRATION_VERBS and any(c.dep_ == "xcomp" for c in token.children):
                continue  # "sought to strengthen ties": the aspired act is coded (as intent), not "seek"
            if token.lemma_.lower() in PARTY_OBJECT_VERBS and obj_token is None and any(
                    c.dep_ == "dobj" and not _is_party_object(c, covered) for c in token.children):
                continue
            if token.lemma_.lower() == "ask" and code[:2] in ("02", "10") and _is_question(token):
                continue  # "was asked about the article", "asked what the government had to hide": a question
            force = _subject(token)[0]
            if force is not None and force.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                force = token.head  # "the tsunami which struck south Asia": the relative stands for its noun
            if force is not None and force.dep_ != "nsubjpass" and force.lemma_.lower() in NATURAL_FORCES:
                continue  # "hailstorms killed two people, injured 20": no party acts
            if force is not None and force.dep_ == "nsubj" and not any(c.dep_ == "dobj" for c in token.children) and (
                    _event_noun_code(force) is not None or force.lemma_.lower() in EVENT_COURSE_NOUNS):
                continue  # "the crackdown intensified", "the threat of conflict abated": the course of an event, not an act
            if match[2] is None and any(c.dep_ == "dobj" and c.lemma_.lower() in IDIOM_OBJECTS.get(token.lemma_.lower(), ())
                                        for c in token.children):
                continue  # "his Budget struck a balance", "hit a record": an idiom, not the verb's act
            if token.lemma_.lower() == "demonstrate" and any(c.dep_ in ("dobj", "ccomp") for c in token.children):
                continue  # "demonstrated the strength of our values", "have demonstrated that ...": shown, not a protest
            if token.lemma_.lower() == "strike" and force is not None and not any(c.dep_ == "dobj" for c in token.children) \
                    and (_role_noun_sector(force) == "LAB" or force.lemma_.lower() in STRIKER_NOUNS):
                code = "143"  # "workers struck demanding payment of salaries": a labour strike, not an attack
            if code[:2] in VIOLENT_ROOTS and _accidental(token):
                continue  # "Covid-19 killed 300 people", "killed in a road accident": no one's act
            judged = next((c for c in token.children if c.dep_ == "dobj" and _event_noun_code(c) is not None), None)
            if judged is not None and obj_token is None and code[:2] not in JUDGING_ROOTS:
                continue  # "kicked off talks", "opened negotiations": the noun is the event
            if code[:2] == "01" or code not in _codebook():
                continue
            if code.startswith("04") and obj_token is not None and (
                obj_token.lemma_.lower() == "call"
                or any(c.lemma_.lower() in PHONE_WORDS for c in obj_token.children if c.dep_ in ("compound", "amod"))
            ):
                code = "041"
            status, code = _status_and_code(token, code)
            if code not in _codebook():
                continue
            skip = {obj_token.i} if obj_token is not None else set()
            subject, own_subject = _subject(token)
            if carrier is not None and subject is None:
                subject = next((c for c in carrier.children if c.dep_ == "nsubj"), None)
                own_subject = subject is not None
            if author is not None and subject is None:
                subject, own_subject = author, True
            passive = _is_passive(token, subject, own_subject)
            if (token.dep_ == "acl" or accused_party) and token.tag_ == "VBN" and subject is None and token.head.i in covered:
                # "Russia, condemned by the UN for ...": a passive participle whose patient is the
                # party it modifies (it only gets here with its own "by" agent, or as an accusation
                # of a named party, see above); "a seminar organised by X" modifies a thing and
                # stays a description.
                subject, own_subject, passive = token.head, True, True
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if agent is None and passive and token.dep_ == "conj":
                # "was arrested by police and tortured": the shared agent acts in both
                agent = next((c for c in token.head.children if c.dep_ == "agent"), None)
            agent_obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subject is not None and not passive:
                subject = _speaker(subject, token) or _conjunct_subject(subject, token) or subject
            actor_tokens = [agent_obj] if passive and agent_obj is not None else ([subject] if subject is not None and not passive else [])
            recipient_tokens = [subject] if passive else ([carried_to] if carried_to is not None else [])
            if obj_token is not None and subject is not None and obj_token.i == subject.i and subject.i not in covered \
                    and subject.lemma_.lower() not in _agent_sectors():
                recipient_tokens = []  # "the accord was signed by X": the accord is the thing, not a side
                if not actor_tokens:  # "a deal between X and Y was reached": they are its parties
                    actor_tokens = [o for p in obj_token.children if p.dep_ == "prep" and p.lower_ == "between"
                                    for o in p.children if o.dep_ == "pobj"]
            for child in token.children:
                if child.dep_ in ("dobj", "dative") and (obj_token is None or child.i != obj_token.i) and not recipient_tokens \
                        and child.ent_type_ not in ("MONEY", "QUANTITY", "CARDINAL", "PERCENT"):
                    recipient_tokens = [child]  # not an amount: "donated 5 million dollars to Nepal" is to Nepal
            if not recipient_tokens and obj_token is not None and code[:2] in POLICY_ROOTS and _is_policy(obj_token):
                recipient_tokens = [obj_token]  # "defended government plans": the plan stands for its author
            if not recipient_tokens and obj_token is not None and obj_token.dep_ == "dobj" and (
                    obj_token.lemma_.lower() in _agent_sectors() or obj_token.lemma_.lower() in ROLE_SECTORS):
                # The pattern's object is people ("expelled two British diplomats", "killed Syrian
                # civilians"): they are also who it was done to.
                recipient_tokens = [obj_token]
            if not recipient_tokens and obj_token is not None and obj_token.dep_ == "dobj" and code[:2] in JUDGING_ROOTS:
                # "attacked Labour's record", "rejected Iran's offer": the thing judged is its owner's.
                recipient_tokens = [c for c in obj_token.children if c.dep_ == "poss" and c.i in covered][:1]
            if not recipient_tokens and obj_token is not None and obj_token.dep_ == "dobj" and code[:2] in THING_TARGET_ROOTS:
                # The pattern's object is a side's thing ("breached Iraqi defence lines", "halted
                # imports of Japanese seafood"): the side named in its phrase is the target.
                recipient_tokens = [obj_token]
            if not recipient_tokens:
                # "called for X to act": the requested party is the clause's subject; in "approved
                # a loan for India to help ..." the clause may hang on the object, and the parser
                # may hang the party on the "for" itself.
                clauses = list(token.children) + (list(obj_token.children) if obj_token is not None else [])
                for clause in clauses:
                    marks = [m for m in clause.children if m.dep_ == "mark" and m.lower_ in ("for", "on")]
                    if clause.dep_ in ("advcl", "xcomp", "ccomp") and marks:
                        recipient_tokens = ([c for c in clause.children if c.dep_ == "nsubj"]
                                            or [c for m in marks for c in m.children if c.dep_ == "pobj"])[:1]
                        if recipient_tokens:
                            break
            if not recipient_tokens and code[:2] == "12":
                # "Serbia refused to recognise Kosovo": a refusal's target is who the refused act was for.
                recipient_tokens = [o for x in token.children if x.dep_ == "xcomp"
                                    for o in x.children if o.dep_ in ("dobj", "dative")][:1]
            if not recipient_tokens and status == "threat":
                recipient_tokens = _condition_subject(token)
            if not recipient_tokens:
                holders = [token] + ([obj_token] if obj_token is not None else [])
                for prep_word in ACCUSATION_PREPS if code[:2] in ACCUSATION_ROOTS else RECIPIENT_PREPS:
                    prep = next((c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == prep_word), None)
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
                    if pobj is not None and pobj.ent_type_ != "DATE":
                        recipient_tokens = [pobj]
                        break
            actors = []
            for arg in actor_tokens:
                actors.extend(_actor_mentions(arg, mentions, covered, skip))
            recipients = []
            for arg in recipient_tokens:
                # A personal pronoun is the person named before, other than the actor: "Chirac
                # phoned him", "critics called for him to go".
                found = _argument_mentions(arg, mentions, covered, skip) or (
                    _pronoun_antecedent(arg, mentions, frozenset(actors)) if arg.lower_ in ("him", "her", "he", "she") else [])
                recipients.extend(i for i in found if i not in actors)
            judging = judged is not None and code[:2] in JUDGING_ROOTS and not (
                obj_token is not None and obj_token.i == judged.i and code[:2] in ACCUSATION_ROOTS)
            if judging:
                # "Russia condemned the US air strikes on Syria", "denounced the sanctions imposed by
                # Brussels": the act's author is judged, not its target. Not "filed a complaint
                # against Japan": the pattern's own object is the accusation, not an act judged.
                authors = [covered[c.i] for c in judged.children
                           if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in covered and covered[c.i] not in actors]
                authors += [i for a in judged.children if a.dep_ == "acl" for g in a.children if g.dep_ == "agent"
                            for i in _argument_mentions(g, mentions, covered, set()) if i not in actors and i not in authors]
                recipients = authors  # no author named: the act's target is not who is judged
            if not recipients and code[:2] in ACCUSATION_ROOTS:
                recipients = [i for i in _accused(token, mentions, covered) if i not in actors]
            if code == "057" and _business_deal(obj_token, actors + recipients, mentions):
                code = "061"
            if code[:2] in ("18", "19") and _verbal_attack(token, actors, mentions):
                code = "111"
            actors = [i for i in actors if mentions[i].role != "place" or mentions[i].label != "GPE"
                      or (mentions[i].gazetteer_id or "").startswith("country:")]
            recipients = [i for i in recipients if mentions[i].role != "place"
                          or (mentions[i].gazetteer_id or "").startswith("country:")]
            actor_head = actor_tokens[0] if actor_tokens else None
            recipient_head = recipient_tokens[0] if recipient_tokens else None
            if token.lemma_.lower() in PARTY_PREP_VERBS and obj_token is None and (
                    recipient_head is None or not _is_party_object(recipient_head, covered)
                    or _agent_sectors().get(recipient_head.lemma_.lower()) == "MED"
                    or (recipients and all(mentions[i].sector_hint == "MED" for i in recipients))):
                continue  # "spoke to reporters", "spoke to the BBC": an interview, not a consultation
            if code[:2] == "04" and any(c.dep_ == "prep" and c.lower_ in ("by", "over") and any(
                    o.dep_ == "pobj" and o.lower_ in ("phone", "telephone") for o in c.children) for c in token.children):
                code = "041"  # "spoke to Putin by phone"
            location = _location_mention(token, obj_token, mentions, covered, set(actors) | set(recipients),
                                         violent=code[:2] in VIOLENT_ROOTS)
            place = _mention_country(mentions[location]) if location is not None else None
            actors, actor_hint, actor_sector, actor_guess = _party_hint(
                actors, actor_head, mentions, covered, doc, home, others=recipients, place=place)
            actor_hint, actor_guess = _protesters_country(code, actors, actor_hint, actor_guess, place, home)
            recipients, recipient_hint, _, recipient_guess = _party_hint(
                recipients, recipient_head, mentions, covered, doc, home, policy_target=code[:2] in POLICY_ROOTS,
                others=actors, other_country=actor_hint, place=place)
            recipient_hint, recipient_guess = _visit_destination(
                code, actors, actor_hint, recipients, recipient_hint, recipient_guess, mentions, home)
            recipient_hint, recipient_guess = _home_target(
                code, actors, actor_hint, recipients, recipient_hint, recipient_guess, mentions, place)
            attacked = code[:2] in VIOLENT_ROOTS  # accidents were left out above
            if (attacked and not (recipients or recipient_hint) and place is not None
                    and _unaffiliated(recipient_head)):
                # "killed 12 people in Kabul": victims of no named side are the place's people,
                # as event coders (and ICEWS) code a target by where it was hit.
                recipient_hint, recipient_guess = place, True
            # A side named by a group of no known country ("aid donors have promised Senegal",
            # "some Sunnis backed the Kurdish secularist"): the act is stated; its actor stays
            # open. Not a state role of unknown state ("the government is working with
            # Indonesia" names no side) nor a thing ("insects are threatening to destroy").
            named_actor = actor_head is not None and not passive and (
                actor_head.pos_ == "PROPN" or (actor_head.pos_ == "NOUN" and (
                    _agent_role(actor_head) is not None or actor_head.lemma_.lower() in PERSON_NOUNS | GROUP_NOUNS)))
            if not (actors or actor_hint or actor_sector) and not (
                    (attacked or named_actor or (passive and code[:2] not in VIOLENT_ROOTS)) and (recipients or recipient_hint)
                    and (named_actor or code[:2] not in COOPERATION_ROOTS)):
                # No one acts: only a passive with a known patient is still an event ("was
                # arrested", "was accused"), and not a cooperative one ("is assured of support",
                # "would be protected"): cooperation without its giver says nothing codable.
                # Violence is an event by its victims even when the attacker goes unnamed ("a
                # suicide bomber killed 12 people in Kabul").
                continue
            if (code[:2] == "04" or code == "036") and obj_token is not None and not (recipients or recipient_hint) and len(actors) < 2 \
                    and any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our") for c in obj_token.children):
                continue  # "Labour will hold its conference": a body's own meeting, with no one
            confidence = 0.45 + 0.1 * min(specificity, 3) / 3 * 2
            confidence += 0.15 if actors or actor_hint else 0.05 if actor_sector else 0.0
            confidence += 0.1 if recipients or recipient_hint else 0.0
            confidence += 0.05 if token.dep_ == "ROOT" else 0.0
            confidence -= {"intent": 0.1, "threat": 0.1, "alleged": 0.15}.get(status, 0.0)
            confidence -= settings.HOME_COUNTRY_CONFIDENCE_PENALTY if actor_guess or recipient_guess else 0.0
            if obj_token is not None and code[:2] not in JUDGING_ROOTS:
                consumed.add(obj_token.i)  # "held talks" is one event; "rejected the Tories' call for a quota" two
            promised[token.idx] = [x.idx for x in token.children if x.dep_ == "xcomp"]
            out.append({
                "sentence_index": sentence_index,
                "start_char": sent.start_char,
                "end_char": sent.end_char,
                "quote": sent.text,
                "trigger": token.text,
                "trigger_start_char": token.idx,
                "cameo_code": code,
                "status": status,
                "actor_mentions": actors,
                "recipient_mentions": recipients,
                "location_mention": location,
                "actor_country_hint": actor_hint,
                "recipient_country_hint": recipient_hint,
                "actor_text": _phrase(actor_head),
                "recipient_text": _phrase(recipient_head),
                "actor_sector_hint": actor_sector or (_agent_sectors().get(actor_head.lemma_.lower()) if actor_head is not None else None),
                "object_lemma": obj_token.lemma_.lower() if obj_token is not None else None,
                "date_text": _date_expression(token),
                "tense": _tense(token, status),
                "confidence": round(min(max(confidence, 0.05), 0.99), 3),
            })
    for sentence_index, sent, noun in nominal:
        if noun.i not in consumed:
            row = _nominal_event(noun, mentions, covered, home)
            if row is not None:
                out.append({"sentence_index": sentence_index, "start_char": sent.start_char, "end_char": sent.end_char,
                            "quote": sent.text, **row})
    for sentence_index, sent, (start, end), row in stances:
        # A request or judgement read off a statement is coded only when the statement holds no
        # coded act of its own ("X said Y had attacked Z" is Y's attack, not X's criticism).
        if not any(start <= r["trigger_start_char"] < end or r["trigger_start_char"] == row["trigger_start_char"]
                   for r in out):
            out.append({"sentence_index": sentence_index, "start_char": sent.start_char, "end_char": sent.end_char,
                        "quote": sent.text, **row})
    # "The IMF agreed to lend Brazil 5 billion dollars", "North Korea threatened to strike the
    # United States": the promised or threatened act, coded as an intent or a threat, is the one
    # event; the bare "agreed" or "threatened" beside it is not a second.
    kept = {"03": "intent", "13": "threat"}
    to_come = {(r["trigger_start_char"], r["status"]) for r in out if r["status"] in kept.values()}
    out = [r for r in out if not (r["status"] == "asserted" and r["cameo_code"][:2] in kept and any(
        (idx, kept[r["cameo_code"][:2]]) in to_come for idx in promised.get(r["trigger_start_char"], ())))]
    # One report per trigger word: (article, trigger offset) is the report's key, from which the
    # event and event-mention ids are made (merged_events). The first rule to code a word keeps it.
    unique = {}
    for row in out:
        unique.setdefault(row["trigger_start_char"], row)
    return sorted(unique.values(), key=lambda r: r["trigger_start_char"])


def _deontic(verb) -> bool:
    """The verb is what someone should or must do ("the administration should push", "they
    must learn", "ought to"), not what was done; "must have been" is a guess, not an order."""
    # A conjunct shares its head's modal only without a subject or auxiliary of its own:
    # "Britain should withdraw and France has already withdrawn".
    own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
    verbs = [verb] + ([verb.head] if verb.dep_ == "conj" and not own else [])
    for v in verbs:
        aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in aux}
        if words & {"should", "ought"} or ("must" in words and "have" not in words):
            return True
    return False


def _asked_for(verb) -> bool:
    """The verb is what a party insists, proposes or wants another party do ("Brazil insisted
    that Argentina withdraw the tariffs", "the U.S. wants Japan to eliminate import controls",
    "wants Tokyo to ease restrictions and simplify inspections"): asked for, not done. Only with
    the other party named: "wants to withdraw" is the wanter's own intent."""
    own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
    clause = verb.head if verb.dep_ == "conj" and not own else verb
    if clause.dep_ not in ("ccomp", "xcomp") or clause.head.i == clause.i:
        return False
    governor = clause.head.lemma_.lower()
    party = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) or (
        clause.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in clause.head.children))
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if governor in WANTING_VERBS:
        return party and any(a.lower_ == "to" for a in aux)
    if governor in MANDATIVE_VERBS and clause.dep_ == "ccomp":
        # the bare verb of a mandative subjunctive, or its passive "be": "that he be sacked"
        return party and ((not aux and clause.tag_ == "VB")
                          or (len(aux) == 1 and aux[0].lower_ == "be" and aux[0].tag_ == "VB"))
    return False


def _stated_request(verb, mentions, covered: dict[int, int], home: str | None):
    """A party saying what another should do asks it to (CAMEO 020, PLOVER REQUEST): "Rep. Hal
    Daub said the administration should push hard for greater beef imports", "Yeutter said the
    Taiwan and South Korean currencies should be adjusted", "six nations agreed that Taiwan
    should let its currency rise", "Brazil insisted that Argentina withdraw the tariffs"; wanting
    another to act is a demand (100: "the U.S. wants Japan to eliminate import controls"). The
    speaker is the actor; the recipient is who should act (the parties in the clause's subject,
    a state role, else, for a thing that should change, the home country's government).
    ((start, end), row) or None."""
    if verb.dep_ == "pcomp":
        return None  # "trying to preserve jobs by insisting that fish be processed at home": a means, not a statement
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and (
        (c.dep_ == "ccomp" and _deontic(c)) or _asked_for(c))), None)
    if clause is None or any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.subtree):
        return None  # "if you are afraid of criticism, you should go": advice on a condition
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) or next(
        (c for c in verb.children if c.dep_ == "dobj"), None)
    return _request(verb, "100" if verb.lemma_.lower() in WANTING_VERBS else "020", clause, subject,
                    mentions, covered, home)


def _stated_threat(verb, mentions, covered: dict[int, int], home: str | None):
    """A party saying another would face consequences threatens it (CAMEO 130, PLOVER THREATEN;
    sanctions 1312): "Erdogan said Damascus would face consequences if it struck a deal with the
    Kurds", "the US warned Iran it would face sanctions unless it halted enrichment". The speaker
    is the actor, whoever would face them the recipient. ((start, end), row) or None."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None  # "were warned they would ...": the one who warned is not named here
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.lemma_.lower() in FACING_VERBS and any(
        a.dep_ == "aux" and a.lower_ in ("will", "would", "'ll") for a in c.children)), None)
    if clause is None or any(c.dep_ == "neg" for c in clause.children):
        return None
    penalty = next((o for o in clause.children if o.dep_ == "dobj" and (o.lemma_.lower() in PENALTY_NOUNS or any(
        m.dep_ == "compound" and m.lemma_.lower() in PENALTY_NOUNS for m in o.children))), None)
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if penalty is None or subject is None or subject.lower_ in ("i", "we", "you"):
        return None
    if subject.pos_ == "PRON":  # "warned Iran it would face sanctions": the one warned
        subject = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), subject)
    return _statement(verb, "1312" if penalty.lemma_.lower() == "sanction" else "130", clause, subject, None,
                      mentions, covered, home, need_recipient=True)


def _request(verb, code: str, clause, subject, mentions, covered: dict[int, int], home: str | None, speaker=None):
    """The request a statement makes of `subject` (see _stated_request, _quoted_statement), or
    None when it is the speaker's own resolve ("we should consider"), advice to anyone ("you
    should") or a government's own policy (_own_policy)."""
    if subject is not None and subject.lower_ in ("i", "we", "you"):
        return None
    found = _statement(verb, code, clause, subject, None, mentions, covered, home, home_recipient=True, speaker=speaker)
    if found is not None and _own_policy(found[1], mentions):
        return None
    return found


def _own_policy(row: dict, mentions) -> bool:
    """A government speaker saying what its own country should do states its policy, not a
    request ("Trade Minister Saleh said Indonesia should expand its rubber marketing", "the
    Trade and Industry Secretary said maternity leave plans should be in the manifesto"): the
    recipient is the speaker's own country (a country name, or a country read from context for
    a thing or state body that should change), and the speaker is of the government sector.
    An opposition party or a lawmaker asking the same of the government still makes a request."""
    actors = [mentions[i] for i in row["actor_mentions"]]
    head = (row["actor_text"] or "").split()[-1:]  # "the Trade and Industry Secretary" -> "Secretary"
    role = head[0].lower() if head else ""
    sectors = {m.sector_hint for m in actors} | {row["actor_sector_hint"], ROLE_SECTORS.get(role), _agent_sectors().get(role)}
    if "GOV" not in sectors:
        return False
    own = {c for c in [row["actor_country_hint"]] + [_mention_country(m) for m in actors] if c}
    recipients = [mentions[i] for i in row["recipient_mentions"]]
    if recipients:
        return all((m.gazetteer_id or "").startswith("country:") and _mention_country(m) in own for m in recipients)
    return row["recipient_country_hint"] in own


def _stated_stance(verb, mentions, covered: dict[int, int], home: str | None):
    """A party's quoted words that judge another, by their tone (VADER's lexicon, as the article
    tone; thresholds settings.STANCE_TONE): strongly negative wording is criticism (CAMEO 111,
    PLOVER ACCUSE: 'Mr Redwood said: "Mr Blair has forgotten the interests of taxpayers"'),
    strongly positive is praise (051, SUPPORT: 'Lord Rennard said the appointment was a
    "significant strengthening of the Lib Dem team"'). The speaker is the actor; the recipient is
    the first party or state office named in the words. ((start, end), row) or None."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    words = list(clause.subtree)
    text = verb.doc[words[0].i:words[-1].i + 1].text  # a Span's text: Doc.text joins the whole doc
    if not QUOTE_MARKS & set(text):
        return None  # only the party's own words: a paraphrase is the writer's
    speaker = _subject(verb)[0]
    if speaker is None:
        return None
    return _judgement(verb, clause, words, text, _speaker(speaker, verb) or speaker, mentions, covered, home)


def _judgement(verb, clause, words: list, text: str, speaker, mentions, covered: dict[int, int], home: str | None):
    """The judgement a speaker's quoted words pass on another (see _stated_stance): the first
    party or state office named in them, and their tone. ((start, end), row) or None."""
    speaker_mentions = set(_actor_mentions(speaker, mentions, covered))
    # Whom it judges: a party named in it, or a state body or office holder ("the chancellor",
    # "ministers"); words about prices, crops or casualties judge no one.
    target = next((w for w in words if (w.i in covered and covered[w.i] not in speaker_mentions
                                        and mentions[covered[w.i]].role not in ("place", "modifier"))
                   or (w.i not in covered and _role_noun_sector(w) in STATE_SECTORS)), None)
    if target is None:
        return None
    tone = packaged_models.sentiment_analyzer().polarity_scores(text)["compound"]  # last: the costly test
    low, high = settings.STANCE_TONE
    code = "111" if tone <= low else "051" if tone >= high else None
    if code is None:
        return None
    return _statement(verb, code, clause, target, [covered[target.i]] if target.i in covered else [],
                      mentions, covered, home, policy_target=True, speaker=speaker)


def _quoted_statement(sent, mentions, covered: dict[int, int], home: str | None):
    """A request or judgement in a quoted sentence whose reporting verb is in another sentence
    ('Carlile said: "... These detainees should be prosecuted and tried."', '"Labour is counting
    on the politics of fear ..." [next sentence:] he said'): as _stated_request and
    _stated_stance, with the quotation's speaker. ((start, end), row) or None."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in root.children):
        return None
    speaker = _quote_speaker(root)
    if speaker is None:
        return None
    if _deontic(root):
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in sent):
            return None
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return _request(root, "020", root, subject, mentions, covered, home, speaker=speaker)
    words = [t for t in sent if not t.is_space]
    text = sent.doc[words[0].i:words[-1].i + 1].text
    return _judgement(root, root, words, text, speaker, mentions, covered, home)


def _statement(verb, code: str, clause, recipient_head, recipients: list[int] | None, mentions,
               covered: dict[int, int], home: str | None, policy_target: bool = False, home_recipient: bool = False,
               trigger=None, confidence: float = settings.STATEMENT_CONFIDENCE, need_recipient: bool = False,
               speaker=None):
    """((start, end) of the clause, row) for an act read off a statement (a request, a judgement,
    an accusation): the speaker (the verb's subject, through a pronoun to the reporting verb
    above) acts; `recipients` (or, when None, the parties in `recipient_head`) receive, else with
    `home_recipient` the home country's government (a thing that should change is its to
    change). The trigger is the reporting verb unless given. The speaker is the verb's subject
    unless given (a quotation's speaker). None without a speaker of known side, or without a
    recipient when `need_recipient`."""
    if speaker is None:
        speaker = _subject(verb)[0]
        if speaker is None:
            return None
        speaker = _speaker(speaker, verb) or speaker
    actors = _actor_mentions(speaker, mentions, covered)
    if recipients is None:
        recipients = [i for i in _argument_mentions(recipient_head, mentions, covered, set()) if i not in actors] \
            if recipient_head is not None else []
    actors, actor_hint, actor_sector, actor_guess = _party_hint(actors, speaker, mentions, covered, verb.doc, home,
                                                                others=recipients)
    if not (actors or actor_hint):
        return None
    recipients, recipient_hint, _, recipient_guess = _party_hint(
        recipients, recipient_head, mentions, covered, verb.doc, home, policy_target=policy_target, others=actors,
        other_country=actor_hint)
    if home_recipient and not (recipients or recipient_hint) and home is not None:
        recipient_hint, recipient_guess = home, True
    if need_recipient and not (recipients or recipient_hint):
        return None
    trigger = verb if trigger is None else trigger
    words = list(clause.subtree)
    confidence -= settings.HOME_COUNTRY_CONFIDENCE_PENALTY if actor_guess or recipient_guess else 0.0
    return (words[0].idx, words[-1].idx + len(words[-1].text)), {
        "trigger": trigger.text,
        "trigger_start_char": trigger.idx,
        "cameo_code": code,
        "status": "asserted",
        "actor_mentions": actors,
        "recipient_mentions": recipients,
        "location_mention": None,
        "actor_country_hint": actor_hint,
        "recipient_country_hint": recipient_hint,
        "actor_text": _phrase(speaker),
        "recipient_text": _phrase(recipient_head) if recipient_head is not None else None,
        "actor_sector_hint": actor_sector,
        "object_lemma": trigger.lemma_.lower() if trigger.i != verb.i else None,
        "date_text": _date_expression(verb),
        "tense": _tense(verb, "asserted"),
        "confidence": round(confidence, 3),
    }


def _is_wrongdoing(verb) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in ACCUSING_VERBS and (lemma != "lie" or verb.lower_ == "lied")


def _stated_accusation(verb, mentions, covered: dict[int, int], home: str | None) -> dict | None:
    """A party stating that another is a terrorist, a criminal, or responsible for something
    ("Turkey has long argued that the YPG is a terrorist organisation", "Russia said Ukraine
    was responsible for the attack"), or that it lied, cheated or rigged something ("the
    Tories said Blair lied"), accuses it (CAMEO 112): the speaker is the actor, the subject of
    the stated clause the recipient. Negated on either side, nothing is said."""
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    clause = next((c for c in verb.children
                   if c.dep_ == "ccomp" and (c.lemma_.lower() == "be" or _is_wrongdoing(c))), None)
    if clause is None or any(c.dep_ == "neg" for c in clause.children):
        return None
    predicate = clause if _is_wrongdoing(clause) else next((c for c in clause.children if (
        c.dep_ == "acomp" and c.lemma_.lower() in ACCUSING_ADJECTIVES) or (
        c.dep_ == "attr" and (c.lemma_.lower() in ACCUSING_NOUNS or any(
            m.dep_ in ("amod", "compound") and m.lemma_.lower() in ACCUSING_NOUNS for m in c.children)))), None)
    accused = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if predicate is None or accused is None:
        return None
    if predicate.i == clause.i and _trigger_match(predicate) is not None:
        return None  # "Israel said Hamas breached the truce": the reported act (196) is coded itself
    found = _statement(verb, "112", clause, accused, None, mentions, covered, home, trigger=predicate,
                       confidence=settings.STATED_ACCUSATION_CONFIDENCE, need_recipient=True)
    return found[1] if found is not None else None


def _named_accusation(verb, mentions, covered: dict[int, int], home: str | None) -> dict | None:
    """Naming another a terrorist or a criminal, or its act illegal, accuses it (CAMEO 112):
    "Erdogan called the Kurdish militia a terrorist group" (not a phone call), "the Kremlin
    described the sanctions as illegal". Dismissing another's plan as anything criticises it
    (111: "the Tories dismissed the maternity pay plan as desperate"). The namer acts, the one
    named (or the author of the plan named) receives."""
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    named = next((c for c in verb.children if c.dep_ == "dobj"), None)
    complement = next((c for c in verb.children if c.dep_ == "oprd"), None) or next(
        (o for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
         for o in c.children if o.dep_ in ("pobj", "amod", "acomp")), None)
    if named is None or complement is None:
        return None
    dismissing = verb.lemma_.lower() == "dismiss"
    words = {complement.lemma_.lower()} | {c.lemma_.lower() for c in complement.children if c.dep_ in ("amod", "compound")}
    if not dismissing and not words & (ACCUSING_NOUNS | ACCUSING_ADJECTIVES | ILLEGAL_WORDS):
        return None
    found = _statement(verb, "111" if dismissing else "112", verb, named, None, mentions, covered, home, trigger=verb,
                       confidence=settings.STATED_ACCUSATION_CONFIDENCE, policy_target=dismissing)
    return found[1] if found is not None else None


def _takes_place(noun, governor) -> bool:
    """The event noun is said to happen: "negotiations continued in New York", "talks resumed",
    "talks were held in Geneva", "the summit took place", "talks began/ended". It is an event
    even when no side is named in the sentence."""
    lemma = governor.lemma_.lower()
    if noun.dep_ == "nsubjpass":
        return lemma in ("hold", "extend")  # "talks were held in Geneva", "talks have been extended"
    if noun.dep_ != "nsubj":
        return False
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in governor.children)
    # Intransitive only: "the sanctions will end all military cooperation" is what they do.
    return lemma in OCCURRENCE_VERBS and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in governor.children)


def _stated_within(noun, governor) -> bool:
    """An event noun inside another noun's phrase that still states it happened: it names its
    own sides ("the readout of a call between the two leaders", "months of negotiations between
    X and Y", "gas attacks on civilians", "the object of an attack by Islamist militias"), and
    the phrase it sits in is no prospect of it ("in anticipation of a meeting", "calls for
    talks", "the threat of sanctions")."""
    if governor.lemma_.lower() in PROSPECT_NOUNS or governor.lemma_.lower() in REQUEST_GOVERNORS:
        return False
    return any(c.dep_ in ("prep", "agent") and c.lower_ in ("between", "with", "against", "on", "by")
               and any(o.dep_ == "pobj" for o in c.children) for c in noun.children)


def _nested_sides(noun) -> list:
    """The sides of a meeting or deal named in a "between/among" phrase the parse hung deeper in
    the noun's phrase: "talks on coffee quotas between Brazil and Colombia" (the parse attaches
    "between" to "quotas"). Only through NESTING_PREPS, never into a clause; used only when the
    noun has no side of its own nor a subject that holds it ("Egypt hosted talks on ...")."""
    stack = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in NESTING_PREPS]
    while stack:
        prep = stack.pop(0)
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for inner in (c for c in obj.children if c.dep_ == "prep"):
                if inner.lower_ in ("between", "among"):
                    return [c for c in inner.children if c.dep_ == "pobj"]
                if inner.lower_ in NESTING_PREPS:
                    stack.append(inner)
    return []


def _judges(verb) -> bool:
    """The verb judges what it governs ("condemned", "welcomed", "rejected"): its subject is the
    judge, not the author of the act judged ("the EU welcomed the arrest of Mladic")."""
    match = _trigger_match(verb) if verb.pos_ == "VERB" else None
    return match is not None and match[0][:2] in JUDGING_ROOTS


def _measure(noun):
    """The noun measuring out an event noun ("three days of talks" -> days, "a round of talks"),
    else None. A time noun measures only when counted ("three days", "a week of protests"):
    "on the day of the protest" is a date."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    measure = noun.head.head
    lemma = measure.lemma_.lower()
    counted = measure.tag_ == "NNS" or any(c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in ("a", "an"))
                                           for c in measure.children)
    if lemma in TURN_NOUNS or (lemma in TIME_NOUNS and counted):
        return measure
    return None


def _event_noun_code(noun) -> str | None:
    """CAMEO code of a noun that names an event by itself, else None."""
    lemma = noun.lemma_.lower()
    if lemma == "strike":
        modifiers = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")}
        if modifiers & WEAPON_STRIKE_WORDS:
            return "195"
        if (noun.dep_ == "pobj" and noun.head.lower_ == "on" and noun.head.head.lemma_.lower() in ("go", "be", "stay", "remain", "come")) \
                or (noun.dep_ == "dobj" and noun.head.lemma_.lower() in ("stage", "hold", "call")):
            return "143"  # "went on strike", "were on strike", "staged a strike": a labour strike
        return None
    if lemma in ("launch", "test") and {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")} & {
            "missile", "rocket", "ballistic", "nuclear"}:
        return "150"  # "a missile launch", "a nuclear test": a show of military force (PLOVER MOBILIZE)
    if lemma in ("attack", "assault") and any(
            c.dep_ == "prep" and c.lower_ == "on" and any(o.dep_ == "pobj" and o.lemma_.lower() in ABSTRACT_TARGETS for o in c.children)
            for c in noun.children):
        return "111"  # "a blatant attack on Syrian sovereignty", "an assault on press freedom": words
    if lemma == "release":
        # "the release of the hostages by Iran", not "a press release" or "the release of the report".
        return "0841" if any(c.dep_ == "prep" and c.lower_ == "of" and any(
            o.dep_ == "pobj" and (o.lemma_.lower() in PERSON_NOUNS | {"prisoner", "hostage", "detainee", "captive", "sailor"}
                                  or o.ent_type_ in ("PERSON", "NORP")) for o in c.children) for c in noun.children) else None
    if lemma == "resignation":
        # An official leaving office (PLOVER RETREAT, mode resign), when the noun says whose: "Mr
        # Betts-Green's resignation followed ...", not "the resignation" told again.
        return "0831" if any(c.dep_ in ("poss", "compound") for c in noun.children) else None
    if lemma in REQUEST_NOUNS and any(c.dep_ == "prep" and c.lower_ == "for" and any(
            o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY") for o in c.children)
            or (c.dep_ in ("acl", "relcl") and any(a.lower_ == "for" for a in c.children)) for c in noun.children):
        return REQUEST_NOUNS[lemma]  # "Erdogan's calls for a ceasefire", "joined calls for a probe": a request
    if lemma == "call":
        # A call is a consultation only as one between parties or by phone ("a call between the
        # two leaders", "a phone call with Putin"), not "calls for restraint".
        modifiers = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")}
        sides = any(c.dep_ == "prep" and c.lower_ in ("between", "with") for c in noun.children)
        return "041" if sides or modifiers & PHONE_WORDS else None
    return NOUN_EVENTS.get(lemma)


def _nominal_event(noun, mentions, covered: dict[int, int], home: str | None = None) -> dict | None:
    """An event named by a noun ("talks between Baghdad and Damascus", "Shultz's visit",
    "sanctions against South Africa", "Japan and the U.S. kick off trade talks").

    Parties come from the noun's own phrase: "between X and Y" and possessives/compounds are
    the actors, "with/against/on/to X" the recipient; when the noun is the object of a verb
    ("open talks", "are in talks"), that verb's subject acts. The governing verb carries the
    modality: negated, no event; "will hold talks" is an intent.
    """
    code = _event_noun_code(noun)
    if noun.dep_ == "pobj" and noun.head.lower_ in ("until", "till", "before"):
        return None  # a deadline, not an event: "Japan has until the next meeting to respond"
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.lemma_.lower() == "protest" and not any(
            c.dep_ == "det" for c in noun.children):
        return None  # "were on strike in protest at job cuts", "resigned in protest": how, not a second act
    if any((c.dep_ == "det" and c.lower_ in ("any", "no")) or (c.dep_ == "amod" and c.lemma_.lower() in SPECULATIVE_MODIFIERS)
           for c in noun.children):
        return None  # "unaware of any attack", "no talks", "the possible withdrawal of US troops": none stated
    measure = _measure(noun)
    if measure is not None and measure.dep_ == "pobj" and measure.head.lower_ in ("until", "till", "before"):
        return None
    governed = measure or noun  # what the governing verb or noun governs
    governor = governed.head
    while (governor.dep_ == "prep" or (governor.pos_ == "ADV" and governor.lower_ in ("ahead", "prior"))) \
            and governor.head.i != governor.i:
        governor = governor.head  # through "ahead of", "prior to" too: "spoke ahead of a meeting with X"
    if governor.lemma_.lower() == "responsibility" and governor.dep_ == "dobj" \
            and governor.head.lemma_.lower() in ("claim", "admit", "accept", "take"):
        governor = governor.head  # "Islamic State claimed responsibility for the attack": the claimant did it
    if governor.i == governed.i or governor.pos_ not in ("VERB", "AUX"):
        if governed.dep_ != "ROOT" and not _stated_within(noun, governor):
            return None  # inside another noun's phrase ("in anticipation of a meeting"): not asserted
        governor = None
    if governor is not None:
        if any(c.dep_ == "neg" for c in governor.children) or _deontic(governor):
            return None  # "did not hold talks", "should look at sanctions": no act
        if governor.dep_ == "xcomp" and (governor.head.lemma_.lower() in NEGATING_GOVERNORS
                                         or any(c.dep_ == "neg" for c in governor.head.children)):
            return None  # "refused to hold talks", "did not agree to hold talks": none were held
        if governor.lemma_.lower() in REPORTING_VERBS and governed.dep_ in ("dobj", "nsubj") and not (
                governor.lemma_.lower() in DECLARING_VERBS and governed.dep_ == "dobj" and code[:2] == "08"):
            # "reported talks", "Hanoi radio announced the killing of 12 soldiers": hearsay about
            # the noun, coded where it is asserted. Announcing one's own concession is the act:
            # "Trump announced a troop withdrawal from Syria".
            return None
        if _governed_by(governor, REQUEST_GOVERNORS, 2) or governor.lemma_.lower() in REQUEST_GOVERNORS:
            return None  # "called for talks": the request is the event
        if governed.dep_ == "dobj" and governor.lemma_.lower() in PROSPECT_VERBS:
            return None  # "Japan faces more possible sanctions", "risks retaliation": not (yet) done
    holders = [noun] + ([governor] if governor is not None and governed.dep_ in ("nsubj", "nsubjpass") else [])
    holders += [c for c in noun.children if c.dep_ == "relcl"]  # "talks that started ... between X and Y"
    actor_tokens, recipient_tokens = [], []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in covered:
            actor_tokens.append(child)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ not in ("prep", "agent"):
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            word = prep.lower_
            if word == "of" and code[:2] == "04" and governor is not None and governed.dep_ == "dobj" \
                    and governor.lemma_.lower() in CHAIRING_VERBS:
                recipient_tokens.extend(objects)  # "chaired a meeting of the Commission": the chair meets the body
            elif word in ("between", "among", "by") or (word == "of" and code[:2] in ("04", "08") and code != "0841"):
                actor_tokens.extend(objects)  # "talks of the G7", "the withdrawal of Soviet troops"
            elif word in ("from", "in") and code[:2] in ("10", "02"):
                # "calls from Ankara for ...", "calls in the US Congress for further action": who asks
                # (a body or a person, not the place of "calls in London for ...").
                actor_tokens.extend(o for o in objects if o.i in covered and mentions[covered[o.i]].label in ("ORG", "PERSON", "NORP")
                                    or (word == "from" and o.i in covered))
            elif word in ("with", "against", "on", "to", "toward", "towards") or (word == "from" and code[:2] == "08") or (
                    word == "of" and (code[:2] in ("17", "18", "19", "20") or code == "0841")):  # "the killing of protesters", "the release of the hostages"
                recipient_tokens.extend(o for o in objects if o.ent_type_ != "DATE")
    if not actor_tokens and governor is not None and governed.dep_ in ("dobj", "pobj", "attr") \
            and not (governed.dep_ == "pobj" and code[:2] in ("10", "02")) \
            and governor.lemma_.lower() not in CAUSING_VERBS | NAMING_VERBS and not _judges(governor):
        subject, _ = _subject(governor)
        if subject is not None and subject.dep_ != "nsubjpass":
            actor_tokens.append(subject)
    if not actor_tokens and code[:2] in COOPERATION_ROOTS:
        actor_tokens = _nested_sides(noun)
    ongoing = governor is not None and (
        (code[:2] in VIOLENT_ROOTS and governed.dep_ == "nsubj" and governor.lemma_.lower() in ONGOING_VERBS)
        or _takes_place(governed, governor))
    if ongoing and not actor_tokens:
        # "Kurdish-led forces said clashes were continuing": a side that reports its own fighting
        # is a party to it.
        actor_tokens = [t for t in [_reporter(governor)] if t is not None]
    if code == "111" and noun.lemma_.lower() in ("attack", "assault") and governor is not None \
            and (reporter := _reporter(governor)) is not None:
        # "The US plan was an attack on Syrian sovereignty, Syria said": the speaker accuses the
        # plan's author.
        actor_tokens, recipient_tokens = [reporter], actor_tokens or recipient_tokens
    actors: list[int] = []
    for arg in actor_tokens:
        for index in _actor_mentions(arg, mentions, covered):
            if index not in actors:
                actors.append(index)
    recipients: list[int] = []
    for arg in recipient_tokens:
        recipients.extend(i for i in _argument_mentions(arg, mentions, covered, set()) if i not in actors and i not in recipients)
    actors = [i for i in actors if mentions[i].role != "place" or (mentions[i].gazetteer_id or "").startswith("country:")]
    recipients = [i for i in recipients if mentions[i].role != "place" or (mentions[i].gazetteer_id or "").startswith("country:")]
    if not recipients and code[:2] in ACCUSATION_ROOTS:
        recipients = [i for i in _accused(noun, mentions, covered) if i not in actors]
    actor_head = actor_tokens[0] if actor_tokens else None
    recipient_head = recipient_tokens[0] if recipient_tokens else None
    location = _location_mention(noun, None, mentions, covered, set(actors) | set(recipients))
    place = _mention_country(mentions[location]) if location is not None else None
    actors, actor_hint, actor_sector, actor_guess = _party_hint(
        actors, actor_head, mentions, covered, noun.doc, home, others=recipients, place=place)
    actor_hint, actor_guess = _protesters_country(code, actors, actor_hint, actor_guess, place, home)
    recipients, recipient_hint, _, recipient_guess = _party_hint(
        recipients, recipient_head, mentions, covered, noun.doc, home, others=actors, other_country=actor_hint, place=place)
    recipient_hint, recipient_guess = _visit_destination(
        code, actors, actor_hint, recipients, recipient_hint, recipient_guess, mentions, home)
    recipient_hint, recipient_guess = _home_target(
        code, actors, actor_hint, recipients, recipient_hint, recipient_guess, mentions, place)
    if not (actors or actor_hint or actor_sector) and not ((recipients or recipient_hint) and code[:2] in VIOLENT_ROOTS) \
            and not ongoing:
        return None  # fighting "with X", or "fighting continues", is an event even when a side goes unnamed
    if code[:2] == "08" and governor is not None and governed.dep_ == "dobj" and governor.lemma_.lower() in DECLARING_VERBS:
        code = "080"  # "announced a troop withdrawal": declared, not carried out (PLOVER CONCEDE, not RETREAT)
    status, code = _status_and_code(governor, code) if governor is not None else ("asserted", code)
    if (status == "asserted" and code[:2] in VIOLENT_ROOTS and governor is not None and governed.dep_ == "pobj"
            and governor.lemma_.lower() in PREPARATION_VERBS):
        # "readying for a final assault": the readiness is the act, a show of force short of its use
        # (PLOVER MOBILIZE), not a threat, which is verbal. People bracing for an attack show
        # none ("3 million people are bracing for imminent attack"): no event.
        readying = _subject(governor)[0]
        if readying is None or not ((readying.i in covered and mentions[covered[readying.i]].label in ("GPE", "ORG"))
                                    or _role_noun_sector(readying) in ("MIL", "COP", "REB", "UAF", "INS")):
            return None
        code = "150"
    elif status == "asserted" and (
            any(c.dep_ in ("acl", "amod") and c.lemma_.lower() in INTENT_GOVERNORS | {"upcoming", "forthcoming"}
                for c in noun.children)
            or (governor is not None and governed.dep_ == "pobj" and governed.head.lower_ in ("for", "to", "toward", "towards")
                and governor.lemma_.lower() in INTENT_GOVERNORS | {"ready"})
            or (governor is not None and governed.dep_ == "dobj" and governor.lemma_.lower() in PROMISING_VERBS)):
        # "readying for a final assault", "prepared for talks": the act is still to come.
        # "a meeting scheduled for next week", "the planned summit": not yet happened.
        # "threatened retaliation against Japan", "promised talks": promised or threatened, not done.
        if code[:2] in INTENT_CODE:
            status, code = "intent", INTENT_CODE[code[:2]]
        elif code[:2] in THREAT_CODE:
            status, code = "threat", THREAT_CODE[code[:2]]
    if code not in _codebook():
        return None
    confidence = 0.5 + (0.1 if recipients or recipient_hint or len(actors) > 1 else 0.0) - {
        "intent": 0.1, "threat": 0.1, "alleged": 0.15}.get(status, 0.0)
    confidence -= settings.HOME_COUNTRY_CONFIDENCE_PENALTY if actor_guess or recipient_guess else 0.0
    return {
        "trigger": noun.text,
        "trigger_start_char": noun.idx,
        "cameo_code": code,
        "status": status,
        "actor_mentions": actors,
        "recipient_mentions": recipients,
        "location_mention": location,
        "actor_country_hint": actor_hint,
        "recipient_country_hint": recipient_hint,
        "actor_text": _phrase(actor_head),
        "recipient_text": _phrase(recipient_head),
        "actor_sector_hint": actor_sector,
        "object_lemma": noun.lemma_.lower(),
        "date_text": _date_expression(noun) or (_date_expression(governor) if governor is not None else None),
        "tense": _tense(governor, status) if governor is not None else "past",
        "confidence": round(confidence, 3),
    }


def _country_hint(indexes: list[int], mentions, covered: dict[int, int], doc) -> str | None:
    """ISO3 named inside the first party's own phrase when the party itself has none: "U.S.
    Trade Representative Clayton Yeutter" is American though the person entity may carry no
    country. Only country modifiers of the name's head count (never a relative clause)."""
    if not indexes:
        return None
    first = mentions[indexes[0]]
    if first.country_hint or (first.gazetteer_id or "").startswith("country:"):
        return None
    # The party's own phrase, then that of the full name a bare surname stands for ("Wallis"
    # after "U.S. Under-Secretary of State Allen Wallis").
    candidates = [indexes[0]] + ([first.alias_of] if first.alias_of is not None else [])
    for candidate in candidates:
        head = doc[mentions[candidate].end - 1]
        stack = [c for c in head.children if c.dep_ in ("compound", "nmod", "amod", "poss", "appos")]
        while stack:
            node = stack.pop()
            index = covered.get(node.i)
            if index is not None and index != candidate:
                gid = mentions[index].gazetteer_id or ""
                if gid.startswith("country:"):
                    return gid.split(":")[1]
            stack.extend(c for c in node.children if c.dep_ in ("compound", "nmod", "amod", "poss"))
    return None


def _location_mention(token, obj_token, mentions, covered: dict[int, int], parties: set[int],
                      violent: bool = False) -> int | None:
    """Index of the place the act happened at: a place named in an "in/at/near ..." phrase of
    the trigger or its object ("retook the enclave on Saturday in Baghuz"), never a party."""
    holders = [token] + ([obj_token] if obj_token is not None else [])
    holders += [c for c in token.children if c.dep_ == "dobj"]  # "met Bauer in Seoul": the parse hangs it on the object
    if violent and token.dep_ == "advcl" and token.tag_ == "VBG":
        holders.append(token.head)  # "a bomb exploded outside a station in Baghdad, killing 12": there too
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in LOCATION_PREPS:
                continue
            stack = [prep]
            while stack:
                node = stack.pop(0)
                index = covered.get(node.i)
                if index is not None and index not in parties and mentions[index].label in ("GPE", "LOC", "FAC") \
                        and mentions[index].role != "modifier":  # "outside the US embassy in Seoul": Seoul
                    return index
                # Not inside a clause of its own: "in a decision that could shift Turkish-US relations".
                stack.extend(c for c in node.children if c.dep_ not in ("relcl", "acl", "ccomp", "advcl"))
    return None


def _phrase(token) -> str | None:
    if token is None:
        return None
    tokens = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "punct") or t.i == token.i]
    start, end = min(t.i for t in tokens), max(t.i for t in tokens)
    text = token.doc[start : end + 1].text
    return text if len(text) <= 120 else token.text


# ---------------------------------------------------------------------------- merging


def symmetric(plover_type: str | None, cameo_code: str) -> bool:
    """Is every party of the event doing the same thing (the sides are interchangeable)?"""
    return plover_type in SYMMETRIC_TYPES or cameo_code in SYMMETRIC_CODES


def _scope(entity: dict) -> str | None:
    """What a party stands for at the country level: ISO3, IGO, or None when unknown."""
    return entity.get("country")


def _compatible(a: dict, b: dict, merge_days: int) -> bool:
    if a["plover_type"] != b["plover_type"]:
        return False
    if symmetric(a["plover_type"], a["cameo_code"]) != symmetric(b["plover_type"], b["cameo_code"]):
        return False  # signing an agreement (joint) and praising (one-sided) are different acts
    if symmetric(a["plover_type"], a["cameo_code"]):
        if a["all_scopes"] != b["all_scopes"]:
            return False
    else:
        if a["actor_scopes"] != b["actor_scopes"]:
            return False
        if a["recipient_scopes"] and b["recipient_scopes"] and a["recipient_scopes"] != b["recipient_scopes"]:
            return False
    # Evidence that it is the same happening, not just the same kind between the same countries:
    # a shared party, or the same thing acted on ("talks", "missile").
    shared_party = set(a["actors"] + a["recipients"]) & set(b["actors"] + b["recipients"])
    shared_object = a["object_lemma"] is not None and a["object_lemma"] == b["object_lemma"]
    if not (shared_party or shared_object):
        return False
    # Where both reports name people of the same country, they must share one.
    for scope in set(a["people_by_scope"]) & set(b["people_by_scope"]):
        if not (a["people_by_scope"][scope] & b["people_by_scope"][scope]):
            return False
    if a["event_date"] is not None and b["event_date"] is not None:
        if abs((a["event_date"] - b["event_date"]).days) > merge_days:
            return False
    # Stated places must agree at the country level ("in Seoul" and "in Korea" agree).
    if a["location_country"] and b["location_country"] and a["location_country"] != b["location_country"]:
        return False
    return True


def _event_id(member_keys: list[str]) -> str:
    return hashlib.sha256(f"event:{min(member_keys)}".encode()).hexdigest()[:16]


def merged_events(
    raw_event_mentions: pl.DataFrame,
    mentions: pl.DataFrame,
    entities: pl.DataFrame,
    articles: pl.DataFrame,
    merge_days: int = settings.EVENT_MERGE_DAYS,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(events, event_mentions): one row per real-world event, and one per report of it.

    `raw_event_mentions`: rows of `doc_event_mentions` with article_id, and actor/recipient
    mention references as lists of mention ids (`actor_mention_ids`, `recipient_mention_ids`).
    `mentions`/`entities`: from `transforms.entities.resolved_mentions`. `articles`: article_id,
    published_at, source_id, and optionally tone (`transforms.tone`) for the events' avg_tone.
    """
    entity_of_mention = dict(zip(mentions["mention_id"], mentions["entity_id"]))
    entity_info = {row["entity_id"]: row for row in entities.to_dicts()}
    country_entity = {row["entity_key"]: row["entity_id"] for row in entities.to_dicts() if row["kind"] == "country"}
    columns = ["article_id", "published_at", "source_id"] + (["tone"] if "tone" in articles.columns else [])
    article_info = {row["article_id"]: row for row in articles.select(columns).to_dicts()}
    codebook = _codebook()

    def parties(mention_ids: list[str]) -> list[str]:
        out = []
        for mid in mention_ids or []:
            eid = entity_of_mention.get(mid)
            info = entity_info.get(eid)
            if info is None:
                continue
            if info["kind"] == "place" and info["country"]:
                eid = country_entity.get(f"country:{info['country']}", eid)  # a capital acting: its country
            if info["kind"] == "group" or eid in out:
                continue
            out.append(eid)
        return out

    def scope_of(eid: str, row: dict, side: str, side_parties: list[str]) -> str | None:
        """A party's country; the first party of a side without one takes the country named in
        its phrase ("U.S. Trade Representative Clayton Yeutter")."""
        country = _scope(entity_info[eid])
        if country is None and side_parties and eid == side_parties[0]:
            country = row.get(f"{side}_country_hint")
        return country

    reports = []
    for row in raw_event_mentions.to_dicts():
        actors, recipients = parties(row["actor_mention_ids"]), parties(row["recipient_mention_ids"])
        recipients = [e for e in recipients if e not in actors]
        # A side with no entity but a country from its role noun ("police", "Kurdish forces").
        actor_only_hint = None if actors else row.get("actor_country_hint")
        recipient_only_hint = None if recipients else row.get("recipient_country_hint")
        # ... or by its role alone, of no known country ("militants", "donors").
        actor_role_only = not actors and not actor_only_hint and bool(row.get("actor_sector_hint"))
        if not actors and not recipients and not actor_only_hint and not recipient_only_hint and not actor_role_only:
            continue
        published = article_info.get(row["article_id"], {}).get("published_at")
        anchor = published.date() if published is not None else None
        resolved = dates.resolved_date(row["date_text"], anchor, row["tense"]) if row["date_text"] else None
        if resolved is None and anchor is not None:
            resolved = dates.ResolvedDate(anchor, "day", "publication-date")
        code = row["cameo_code"]
        all_parties = actors + recipients
        people: dict[str, set] = {}
        for eid in all_parties:
            info = entity_info[eid]
            if info["kind"] == "person" and info["country"]:
                people.setdefault(info["country"], set()).add(eid)
        location_id = entity_of_mention.get(row.get("location_mention_id"))
        location = entity_info.get(location_id)
        reports.append({
            **row,
            "location_entity_id": location_id if location is not None else None,
            "location_country": location["country"] if location is not None else None,
            "tone": article_info.get(row["article_id"], {}).get("tone"),
            "actors": actors,
            "recipients": recipients,
            "plover_type": codebook[code]["plover_type"] or None,
            "event_date": resolved.value if resolved else None,
            "date_precision": resolved.precision if resolved else None,
            "date_method": resolved.method if resolved else None,
            "actor_scopes": frozenset(s for s in [scope_of(e, row, "actor", actors) for e in actors] + [actor_only_hint] if s),
            "recipient_scopes": frozenset(
                s for s in [scope_of(e, row, "recipient", recipients) for e in recipients] + [recipient_only_hint] if s),
            "all_scopes": frozenset(s for s in [scope_of(e, row, "actor", actors) or scope_of(e, row, "recipient", recipients)
                                                for e in all_parties] + [actor_only_hint, recipient_only_hint] if s),
            "people_by_scope": people,
            "key": f"{row['article_id']}:{row['trigger_start_char']:08d}",
            "source_key": article_info.get(row["article_id"], {}).get("source_id") or f"article:{row['article_id']}",
        })
    reports.sort(key=lambda r: r["key"])

    # Union-find over compatible pairs inside blocks; the first report (by key) represents its
    # group. A block holds the reports that `_compatible` could join at all: one PLOVER type (or
    # CAMEO root) and the same party scopes it demands equal. Without the scopes the pairwise
    # step grew with the square of a whole type's reports (tens of millions of pairs at 20,000
    # articles); with them the groups are exactly the same.
    groups: UnionFind[int] = UnionFind(rank=lambda i: i)
    find = groups.find

    blocks: dict[tuple, list[int]] = {}
    for i, report in enumerate(reports):
        scopes = report["all_scopes"] if symmetric(report["plover_type"], report["cameo_code"]) else report["actor_scopes"]
        blocks.setdefault((report["plover_type"] or report["cameo_code"][:2], scopes), []).append(i)
    for members in blocks.values():
        # Inside a block only reports that share a party or the thing acted on can be
        # compatible (`_compatible` demands that evidence), so only those pairs are tried: the
        # same groups, without trying every pair of a block of reports with no country.
        # Each pair is tried once, however many parties it shares.
        sharing: dict[tuple, list[int]] = {}
        keys_of: dict[int, list[tuple]] = {}
        for i in members:
            report = reports[i]
            keys = [("party", party) for party in dict.fromkeys(report["actors"] + report["recipients"])]
            if report["object_lemma"] is not None:
                keys.append(("object", report["object_lemma"]))
            keys_of[i] = keys
            for key in keys:
                sharing.setdefault(key, []).append(i)
        for i in members:
            for j in sorted({j for key in keys_of[i] for j in sharing[key] if j > i}):
                if find(i) != find(j) and _compatible(reports[i], reports[j], merge_days):
                    groups.union(i, j)

    clusters: dict[int, list[dict]] = {}
    for i, report in enumerate(reports):
        clusters.setdefault(find(i), []).append(report)

    # Every stated place's coordinates in one pass over GeoNames, not one index of all its names.
    places_module.prepare(entity_info[r["location_entity_id"]]["name"] for r in reports
                          if r["location_entity_id"] in entity_info)
    event_rows, mention_rows = [], []
    for members in clusters.values():
        event_id = _event_id([m["key"] for m in members])
        event_rows.append(_merged_row(event_id, members, entity_info, codebook))
        for m in members:
            mention_rows.append({
                "event_id": event_id,
                "event_mention_id": hashlib.sha256(f"event_mention:{m['key']}".encode()).hexdigest()[:16],
                **{k: m[k] for k in ("article_id", "sentence_index", "start_char", "end_char", "quote", "trigger",
                                     "trigger_start_char", "cameo_code", "plover_type", "status", "actor_text",
                                     "recipient_text", "date_text", "event_date", "date_precision", "date_method",
                                     "confidence", "location_entity_id")},
                "actor_entity_ids": m["actors"],
                "recipient_entity_ids": m["recipients"],
            })
    events = pl.DataFrame(event_rows, schema=EVENT_SCHEMA, orient="row").sort("event_id")
    event_mentions = pl.DataFrame(mention_rows, schema=EVENT_MENTION_SCHEMA, orient="row").sort(
        "article_id", "trigger_start_char")
    return events, event_mentions


def _specificity(report: dict, entity_info: dict) -> tuple:
    people = sum(1 for e in report["actors"] + report["recipients"] if entity_info[e]["kind"] == "person")
    return (people, len(report["actors"]) + len(report["recipients"]), report["confidence"])


def _merged_row(event_id: str, members: list[dict], entity_info: dict, codebook: dict) -> dict:
    codes = Counter(m["cameo_code"] for m in members)
    # The most specific code: 041 over 040, 0874 over 087; then the most reported.
    code = sorted(codes, key=lambda c: (-len(c.rstrip("0")), -codes[c], c))[0]
    best = sorted(members, key=lambda m: (tuple(-x for x in _specificity(m, entity_info)), m["key"]))[0]
    # (entity id, side) slots; a side known only by its role noun ("police") has no entity id.
    actor_slots = [(e, "actor") for e in best["actors"]] or (
        [(None, "actor")] if best.get("actor_country_hint") or best.get("actor_sector_hint") else [])
    recipient_slots = ([(e, "recipient") for e in best["recipients"]]
                       or ([(None, "recipient")] if best.get("recipient_country_hint") else []))
    nobody = (None, None)
    if not actor_slots:
        first, second = nobody, (recipient_slots or [nobody])[0]  # a passive with no agent: only the recipient is known
    elif symmetric(best["plover_type"], best["cameo_code"]):
        first, second = (actor_slots + recipient_slots + [nobody, nobody])[:2]
    else:
        first, second = actor_slots[0], (recipient_slots or [nobody])[0]
    dated = [m for m in members if m["event_date"] is not None]
    precision_rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    method_rank = lambda m: 1 if m["date_method"] == "publication-date" else 0  # noqa: E731
    chosen = sorted(dated, key=lambda m: (method_rank(m), precision_rank.get(m["date_precision"], 9), m["key"]))
    when = chosen[0] if chosen else None
    entry = codebook[code]
    statuses = Counter(m["status"] for m in members)
    confidence = max(m["confidence"] for m in members)
    articles = {m["article_id"] for m in members}
    confidence = min(0.99, confidence + 0.05 * (len(articles) - 1))

    def actor(slot, field):
        eid, side = slot
        if eid is None:
            if side is None:
                return None
            return {"name": best.get(f"{side}_text"), "country": best.get(f"{side}_country_hint"),
                    "sector": best.get("actor_sector_hint") if side == "actor" else None}[field]
        value = entity_info[eid][field]
        if value is None and field == "country":
            for side in ("actor", "recipient"):
                parties = best[f"{side}s"]
                if parties and parties[0] == eid:
                    return best.get(f"{side}_country_hint")
        return value

    places = Counter(m["location_entity_id"] for m in members if m["location_entity_id"])
    place_id = sorted(places, key=lambda e: (-places[e], e))[0] if places else None
    place_entity = entity_info.get(place_id) if place_id else None
    located = places_module.located_place(place_entity["name"], place_entity["country"]) if place_entity else None
    tones = {m["article_id"]: m["tone"] for m in members if m.get("tone") is not None}

    return {
        "event_id": event_id,
        "event_date": when["event_date"] if when else None,
        "date_precision": when["date_precision"] if when else None,
        "date_method": when["date_method"] if when else None,
        "cameo_code": code,
        "cameo_root": entry["cameo_root"],
        "cameo_name": entry["name"],
        "quad_class": entry["quad_class"],
        "goldstein": entry["goldstein"],
        "plover_type": entry["plover_type"] or None,
        "plover_mode": entry["plover_mode"] or None,
        "status": sorted(statuses, key=lambda s: (-statuses[s], s))[0],
        "actor1_entity_id": first[0],
        "actor1_name": actor(first, "name"),
        "actor1_country": actor(first, "country"),
        "actor1_sector": actor(first, "sector"),
        "actor2_entity_id": second[0],
        "actor2_name": actor(second, "name"),
        "actor2_country": actor(second, "country"),
        "actor2_sector": actor(second, "sector"),
        "location_entity_id": place_id,
        "location_name": place_entity["name"] if place_entity else None,
        "location_country": place_entity["country"] if place_entity else None,
        "location_lat": located.lat if located else None,
        "location_lon": located.lon if located else None,
        "location_precision": located.precision if located else None,
        "num_mentions": len(members),
        "num_articles": len(articles),
        "num_sources": len({m["source_key"] for m in members}),
        "avg_tone": round(sum(tones.values()) / len(tones), 4) if tones else None,
        "confidence": round(confidence, 3),
        "first_article_id": min(articles),
    }
