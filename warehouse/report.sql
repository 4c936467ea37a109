-- The data behind `dateline report`: one query per block, each named by a `-- report: <name>`
-- line. A `-- needs: <table>.<column>` line skips the block when the warehouse lacks that column
-- (the report then says so instead of failing). Every query is read-only.

-- report: tables
-- One row per warehouse table: its row count.
select 'articles' as table_name, count(*) as num_rows from articles
union all select 'sources', count(*) from sources
union all select 'entities', count(*) from entities
union all select 'mentions', count(*) from mentions
union all select 'events', count(*) from events
union all select 'event_mentions', count(*) from event_mentions
union all select 'rejects', count(*) from rejects
union all select 'runs', count(*) from runs;

-- report: runs
-- One row per run, latest first.
select run_id, started_at, ended_at, status, array_to_string(inputs, ', ') as inputs, counts
from runs order by started_at desc, run_id desc limit 10;

-- report: rejects
-- One row per stage: inputs or articles it refused.
select stage, count(*) as num_rejects from rejects group by stage order by stage;

-- report: event_days
-- One row per (day, quad class): events on that day. The day is the event's own date, else the
-- publication date of its first report; events with neither are counted as undated.
select coalesce(e.event_date, cast(a.published_at as date)) as day, e.quad_class, count(*) as num_events
from events e left join articles a on a.article_id = e.first_article_id
group by all order by day, quad_class;

-- report: top_actors
-- One row per actor (either side of an event): events it takes part in.
with sides as (
    select actor1_entity_id as entity_id, actor1_name as name, actor1_country as country, event_id from events
    union all
    select actor2_entity_id, actor2_name, actor2_country, event_id from events
)
select name, country, count(distinct event_id) as num_events
from sides where entity_id is not null
group by entity_id, name, country order by num_events desc, name limit 20;

-- report: top_dyads
-- One row per ordered actor pair (who acts on whom): events and the articles reporting them.
select actor1_name, actor2_name, count(*) as num_events, sum(num_articles) as num_reports,
       sum(case when quad_class in (3, 4) then 1 else 0 end) as num_conflict
from events
where actor1_entity_id is not null and actor2_entity_id is not null
group by actor1_entity_id, actor1_name, actor2_entity_id, actor2_name
order by num_events desc, num_reports desc, actor1_name, actor2_name limit 20;

-- report: network
-- One row per unordered actor pair among the 40 most active pairs: events between them.
select least(actor1_name, actor2_name) as actor_a, greatest(actor1_name, actor2_name) as actor_b,
       any_value(case when actor1_name <= actor2_name then actor1_country else actor2_country end) as country_a,
       any_value(case when actor1_name <= actor2_name then actor2_country else actor1_country end) as country_b,
       count(*) as num_events
from events
where actor1_entity_id is not null and actor2_entity_id is not null and actor1_entity_id <> actor2_entity_id
group by actor_a, actor_b order by num_events desc, actor_a, actor_b limit 40;

-- report: countries
-- One row per country (ISO3, or IGO) named as either actor's country: events involving it.
with sides as (
    select actor1_country as country, event_id, quad_class from events
    union
    select actor2_country, event_id, quad_class from events
)
select country, quad_class, count(distinct event_id) as num_events
from sides where country is not null
group by country, quad_class order by country, quad_class;

-- report: sources
-- One row per publisher among the 20 with most articles: articles, events reported.
select coalesce(s.name, '(unknown source)') as source, count(distinct a.article_id) as num_articles,
       count(distinct em.event_id) as num_events
from articles a
left join sources s on s.source_id = a.source_id
left join event_mentions em on em.article_id = a.article_id
where a.duplicate_of is null
group by all order by num_articles desc, num_events desc, source limit 20;

-- report: stories
-- needs: articles.story_id
-- One row per story among the 20 with most articles: articles, publishers, events, a headline.
select a.story_id, count(distinct a.article_id) as num_articles, count(distinct a.source_id) as num_sources,
       count(distinct em.event_id) as num_events, min(cast(a.published_at as date)) as first_day,
       arg_min(a.title, coalesce(a.published_at, timestamp '9999-12-31')) as title
from articles a
left join event_mentions em on em.article_id = a.article_id
where a.story_id is not null
group by a.story_id order by num_articles desc, num_events desc, a.story_id limit 20;

-- report: events
-- One row per event among the 300 most reported: what, who, when, and how many reports.
select event_id, event_date, cameo_code, cameo_name, quad_class, plover_type, status,
       actor1_name, actor1_country, actor2_name, actor2_country, num_mentions, num_articles, num_sources
from events
order by num_articles desc, num_mentions desc, event_date desc nulls last, event_id limit 300;

-- report: quotes
-- One row per report of the events listed above: the sentence, its trigger, the article.
with listed as (
    select event_id from events
    order by num_articles desc, num_mentions desc, event_date desc nulls last, event_id limit 300
)
select em.event_id, em.quote, em.trigger, em.status, a.title, a.url, cast(a.published_at as date) as published_date,
       coalesce(s.name, '(unknown source)') as source, a.doc_id
from event_mentions em
join listed using (event_id)
join articles a on a.article_id = em.article_id
left join sources s on s.source_id = a.source_id
order by em.event_id, a.published_at nulls last, em.article_id, em.start_char;
