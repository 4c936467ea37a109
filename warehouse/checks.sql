-- Data tests: each query returns the offending rows; a healthy warehouse returns none.
-- Each check starts with a line `-- check: <name>`. `dateline check` and every load run them.

-- check: articles_source_exists
select a.article_id, a.source_id from articles a
left join sources s using (source_id)
where a.source_id is not null and s.source_id is null;

-- check: articles_duplicate_of_exists
select a.article_id, a.duplicate_of from articles a
left join articles o on o.article_id = a.duplicate_of
where a.duplicate_of is not null and (o.article_id is null or o.duplicate_of is not null);

-- check: mentions_resolve
select m.mention_id from mentions m
left join articles a using (article_id)
left join entities e using (entity_id)
where a.article_id is null or e.entity_id is null;

-- check: mention_offsets_inside_body
select m.mention_id, m.start_char, m.end_char from mentions m join articles a using (article_id)
where not m.in_title and (m.start_char < 0 or m.end_char > length(a.body) or m.start_char >= m.end_char
   or substring(a.body, m.start_char + 1, m.end_char - m.start_char) <> m.text);

-- check: mention_offsets_inside_title
select m.mention_id, m.start_char, m.end_char from mentions m join articles a using (article_id)
where m.in_title and (a.title is null or m.start_char < 0 or m.end_char > length(a.title)
   or m.start_char >= m.end_char or substring(a.title, m.start_char + 1, m.end_char - m.start_char) <> m.text);

-- check: event_mentions_resolve
select em.event_mention_id from event_mentions em
left join events e using (event_id)
left join articles a using (article_id)
where e.event_id is null or a.article_id is null;

-- check: event_mention_offsets_inside_body
select em.event_mention_id from event_mentions em join articles a using (article_id)
where em.start_char < 0 or em.end_char > length(a.body) or em.start_char >= em.end_char
   or em.trigger_start_char < em.start_char or em.trigger_start_char >= em.end_char;

-- check: event_counts_match_mentions
select e.event_id, e.num_mentions, count(em.event_mention_id) as reports from events e
left join event_mentions em using (event_id)
group by e.event_id, e.num_mentions, e.num_articles
having e.num_mentions <> count(em.event_mention_id) or e.num_articles <> count(distinct em.article_id);

-- check: event_actors_resolve
select e.event_id from events e
left join entities a1 on a1.entity_id = e.actor1_entity_id
left join entities a2 on a2.entity_id = e.actor2_entity_id
where (e.actor1_entity_id is not null and a1.entity_id is null)
   or (e.actor2_entity_id is not null and a2.entity_id is null);

-- check: event_quad_class_valid
select event_id, quad_class, goldstein from events
where quad_class not between 1 and 4 or goldstein not between -10 and 10;

-- check: event_dates_plausible
-- Historical dates a sentence states are kept ("met on 14 May, 1870" in a sport history piece);
-- before 1800 or more than 400 days ahead is a misread number.
select event_id, event_date from events
where event_date is not null and (event_date < date '1800-01-01' or event_date > current_date + interval 400 day);

-- check: entity_countries_known
select entity_id, country from entities
where country is not null and country <> 'IGO' and not regexp_matches(country, '^[A-Z]{3}$');

-- check: sources_counts_match
select s.source_id, s.article_count, count(a.article_id) as articles from sources s
left join articles a using (source_id)
group by s.source_id, s.article_count
having s.article_count <> count(a.article_id);

-- check: articles_run_exists
select a.article_id, a.run_id from articles a left join runs r using (run_id) where r.run_id is null;

-- check: event_locations_plausible
select event_id, location_lat, location_lon, avg_tone from events
where (location_lat is not null and (location_lat not between -90 and 90 or location_lon not between -180 and 180))
   or (location_lat is null) <> (location_lon is null)
   or (avg_tone is not null and avg_tone not between -1 and 1);

-- check: duplicates_share_their_originals_story
select a.article_id from articles a join articles o on a.duplicate_of = o.article_id
where a.story_id is distinct from o.story_id;

-- check: schema_version_current
-- The file was built with the schema this dateline declares (else rerun to rebuild it).
select m.schema_version, x.schema_version as expected from warehouse_meta m, expected_schema x
where m.schema_version <> x.schema_version
union all
select null, x.schema_version from expected_schema x where not exists (select 1 from warehouse_meta);

-- check: keys_unique
select 'sources' as tbl, source_id as id from sources group by source_id having count(*) > 1
union all select 'articles', article_id from articles group by article_id having count(*) > 1
union all select 'articles.doc_id', doc_id from articles group by doc_id having count(*) > 1
union all select 'entities', entity_id from entities group by entity_id having count(*) > 1
union all select 'entities.entity_key', entity_key from entities group by entity_key having count(*) > 1
union all select 'mentions', mention_id from mentions group by mention_id having count(*) > 1
union all select 'events', event_id from events group by event_id having count(*) > 1
union all select 'event_mentions', event_mention_id from event_mentions group by event_mention_id having count(*) > 1
union all select 'runs', run_id from runs group by run_id having count(*) > 1
union all select 'event_id_redirects', redirect_id from event_id_redirects group by redirect_id having count(*) > 1
union all select 'rejects', input_path || ' ' || coalesce(doc_id, '') || ' ' || stage || ' ' || reason
          from rejects group by input_path, doc_id, stage, reason having count(*) > 1;

-- check: event_id_redirects_resolve
-- Every redirect points at an event, no redirected id is also an event's own id, the reason is
-- a known one and the run that recorded it is committed.
select r.redirect_id, r.event_id, r.reason from event_id_redirects r
left join events e using (event_id)
where e.event_id is null or r.redirect_id in (select event_id from events)
   or r.reason not in ('rebuild_name', 'merged') or r.run_id not in (select run_id from runs);

-- check: events_first_article_exists
select e.event_id, e.first_article_id from events e left join articles a on a.article_id = e.first_article_id
where a.article_id is null;

-- check: event_mention_entities_resolve
select em.event_mention_id, u.entity_id from event_mentions em,
    unnest(list_concat(em.actor_entity_ids, em.recipient_entity_ids)) as u(entity_id)
left join entities e on e.entity_id = u.entity_id
where e.entity_id is null;

-- check: cameo_codes_in_codebook
select 'events' as tbl, event_id as id, cameo_code from events
where cameo_code not in (select cameo_code from seed_cameo_codes)
union all
select 'event_mentions', event_mention_id, cameo_code from event_mentions
where cameo_code not in (select cameo_code from seed_cameo_codes);

-- check: event_coding_matches_codebook
select e.event_id, e.cameo_code, e.cameo_root, e.quad_class, e.goldstein from events e
join seed_cameo_codes c using (cameo_code)
where e.cameo_root <> c.cameo_root or e.quad_class <> c.quad_class or abs(e.goldstein - c.goldstein) > 1e-9;

-- check: country_codes_in_codebook
select 'entities' as tbl, entity_id as id, country from entities
where country is not null and country <> 'IGO' and country not in (select iso3 from seed_countries)
union all
select 'sources', source_id, country from sources
where country is not null and country not in (select iso3 from seed_countries);

-- check: event_sources_within_articles
select event_id, num_mentions, num_articles, num_sources from events
where num_articles < 1 or num_articles > num_mentions or num_sources < 1 or num_sources > num_articles;

-- check: entity_counts_match_mentions
select e.entity_id, e.num_mentions, e.num_articles from entities e
left join mentions m using (entity_id)
group by e.entity_id, e.num_mentions, e.num_articles
having e.num_mentions <> count(m.mention_id) or e.num_articles <> count(distinct m.article_id);

-- check: articles_word_count_matches_body
select article_id, word_count from articles
where word_count < 1 or word_count <> length(regexp_split_to_array(trim(body), '\s+'));

-- check: article_dates_plausible
select article_id, published_at, modified_at from articles
where (published_at is not null and (published_at < timestamp '1900-01-01'
                                     or published_at > current_timestamp::timestamp + interval 2 day))
   or (modified_at is not null and published_at is not null and modified_at < published_at);

-- check: confidence_in_range
select 'events' as tbl, event_id as id, confidence from events where confidence not between 0 and 1
union all select 'event_mentions', event_mention_id, confidence from event_mentions where confidence not between 0 and 1;

-- check: rejects_name_a_reason
select input_path, doc_id, stage from rejects
where trim(reason) = '' or input_path = '' or stage not in ('ingest', 'clean', 'extract');

-- check: rejects_run_exists
select r.input_path, r.doc_id, r.run_id from rejects r left join runs using (run_id)
where r.run_id is null or runs.run_id is null;
