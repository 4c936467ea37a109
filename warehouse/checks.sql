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
select event_id, event_date from events
where event_date is not null and (event_date < date '1900-01-01' or event_date > current_date + interval 400 day);

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
