-- =============================================================================
-- Skill search that ignores Vietnamese diacritics
--
-- "dat lich kham" must find "Đặt lịch khám bệnh trực tuyến": a learner on a
-- cheap phone often types without tone marks. Titles (vi and en) and the
-- category names are compared through `private.search_text` (unaccent + lower,
-- đ -> d) with `pg_trgm`, so small typos still match.
-- =============================================================================

alter table public.skills
  add column icon text check (length(icon) <= 16);

comment on column public.skills.icon is
  'A short icon for the skill picker (an emoji); when null the category''s icon is used.';

/**
 * Skills matching a free-text query, best first, for the skill picker.
 * Diacritic- and case-insensitive; every word of the query must appear in the
 * title (vi or en), the description or the category name, or the whole query
 * must be trigram-similar to the title. An empty query lists every active
 * skill in curriculum order.
 *
 * Columns:
 * - id, slug: the skill.
 * - title_vi, title_en: its title in each language.
 * - category_id, category_slug, category_name_vi, category_name_en: its group.
 * - icon: the skill's icon, or its category's when the skill has none.
 * - level: 'basic' | 'intermediate' | 'advanced'.
 * - estimated_minutes: the usual length of one lesson.
 * - rank: higher is a better match (1 = all words in the title); only the
 *   order means something.
 */
create or replace function public.search_skills(p_query text)
returns table (
  id bigint,
  slug text,
  title_vi text,
  title_en text,
  category_id bigint,
  category_slug text,
  category_name_vi text,
  category_name_en text,
  icon text,
  level text,
  estimated_minutes smallint,
  rank real
)
language sql
stable
security invoker
set search_path = ''
as $$
  with q as (
    select btrim(regexp_replace(private.search_text(left(coalesce(p_query, ''), 100)), '\s+', ' ', 'g')) as text
  ),
  words as (
    select array_remove(string_to_array((select text from q), ' '), '') as list
  ),
  candidates as (
    select
      s.*, c.slug as c_slug, c.name_vi as c_name_vi, c.name_en as c_name_en, c.icon as c_icon,
      c.sort_order as c_sort,
      private.search_text(s.title_vi) || ' ' || private.search_text(s.title_en) as titles,
      private.search_text(s.description_vi) || ' ' || private.search_text(s.description_en) || ' '
        || private.search_text(c.name_vi) || ' ' || private.search_text(c.name_en) as rest
    from public.skills s
    join public.skill_categories c on c.id = s.category_id
    where s.is_active
  ),
  scored as (
    select
      k.*,
      case
        when (select text from q) = '' then 0::real
        when (select bool_and(k.titles like '%' || w || '%') from unnest((select list from words)) w)
          then 1::real + extensions.similarity((select text from q), k.titles)
        when (select bool_and((k.titles || ' ' || k.rest) like '%' || w || '%')
              from unnest((select list from words)) w)
          then 0.5::real + extensions.similarity((select text from q), k.titles)
        else extensions.word_similarity((select text from q), k.titles)
      end as score
    from candidates k
  )
  select s.id, s.slug, s.title_vi, s.title_en, s.category_id, s.c_slug, s.c_name_vi, s.c_name_en,
         coalesce(s.icon, s.c_icon), s.level, s.estimated_minutes, s.score
  from scored s
  where (select text from q) = '' or s.score >= 0.4
  order by s.score desc, s.c_sort, s.sort_order, s.id
  limit 50;
$$;

revoke execute on function public.search_skills(text) from public, anon;
grant execute on function public.search_skills(text) to authenticated, service_role;
