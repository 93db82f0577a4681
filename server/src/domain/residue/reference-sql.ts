/**
 * The INSERT statements that load reference.json into the reference tables — used to write the seed part of the
 * migration (a unit test checks the migration still matches the JSON) and by nothing at run time.
 */
import type { ReferenceData } from './reference';

const lit = (v: string | null): string => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
const arr = (v: readonly string[] | null): string =>
  v === null ? 'NULL' : `ARRAY[${v.map(lit).join(', ')}]::text[]`;
const num = (v: number): string => String(v);

export function referenceSql(data: ReferenceData): string {
  const out: string[] = [`-- Reference data version ${data.version}`];
  for (const [key, s] of Object.entries(data.sources))
    out.push(
      `INSERT INTO reference_source (key, name, url) VALUES (${lit(key)}, ${lit(s.name)}, ${lit(s.url)});`,
    );
  // Editions in an order where every fallback exists before it is named.
  const done = new Set<string>();
  const editions = [...data.editions];
  while (editions.length > 0) {
    const i = editions.findIndex((e) => e.fallback === null || done.has(e.fallback));
    if (i < 0) throw new Error('circular edition fallbacks');
    const [e] = editions.splice(i, 1) as [ReferenceData['editions'][number]];
    done.add(e.code);
    out.push(
      `INSERT INTO residue_standard (code, family, title, issued_on, effective_from, fallback_code, fully_loaded, sources, note) VALUES (${lit(e.code)}, ${lit(e.family)}, ${lit(e.title)}, ${e.issued ? `${lit(e.issued)}::date` : 'NULL'}, ${lit(e.effective)}::date, ${lit(e.fallback)}, false, ${arr(e.sources)}, ${lit(e.note)});`,
    );
  }
  for (const a of data.analytes)
    out.push(
      `INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES (${lit(a.zh)}, ${lit(a.en)}, ${lit(a.cas)}, ${lit(a.class)}, ${lit(a.kind)}, ${lit(a.status)}, ${arr(a.aliases)}, ${lit(a.cas_note)});`,
    );
  for (const c of data.commodities)
    out.push(
      `INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES (${lit(c.zh)}, ${lit(c.en)}, ${c.parent ? `(SELECT id FROM commodity WHERE name_zh = ${lit(c.parent)})` : 'NULL'}, ${lit(c.category)});`,
    );
  for (const l of data.limits)
    out.push(
      `INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES (${lit(l.standard)}, (SELECT id FROM analyte WHERE name_zh = ${lit(l.analyte)}), (SELECT id FROM commodity WHERE name_zh = ${lit(l.commodity)}), ${num(l.mgkg)}, ${lit(l.confidence)}, ${arr(l.sources)}, ${lit(l.note)});`,
    );
  for (const b of data.bans)
    out.push(
      `INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) VALUES ((SELECT id FROM analyte WHERE name_zh = ${lit(b.analyte)}), ${b.commodities === null ? 'NULL' : `ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (${arr(b.commodities)}) ORDER BY id)`}, ${b.effective ? `${lit(b.effective)}::date` : 'NULL'}, ${lit(b.precision)}, ${lit(b.act)}, ${lit(b.measure)}, ${lit(b.confidence)}, ${arr(b.sources)}, ${lit(b.note)});`,
    );
  return `${out.join('\n')}\n`;
}

/** A ban has no natural key in the table: it is known by its substance, act and crops. */
const banKey = (b: ReferenceData['bans'][number]): string =>
  `${b.analyte}|${b.act}|${b.commodities === null ? '*' : [...b.commodities].sort().join(',')}`;
const banCommodities = (v: readonly string[] | null): string =>
  v === null ? 'NULL' : `ARRAY(SELECT id FROM commodity WHERE name_zh = ANY (${arr(v)}) ORDER BY id)`;
const date = (v: string | null): string => (v ? `${lit(v)}::date` : 'NULL');

/**
 * The statements that bring a database loaded with reference release `prev` up to release `next`, for a later
 * migration (migrations already applied are never edited). Idempotent and careful with users' edits:
 * - new sources, editions, analytes, commodities and limits are inserted unless a row with the same key exists
 *   (ON CONFLICT DO NOTHING — a user's own row with that key wins);
 * - new bans are inserted unless a ban with the same substance, act and crops exists;
 * - changed rows are updated only while they still hold exactly the values `prev` shipped, so a row a user has
 *   edited since is left alone;
 * - rows removed from the JSON are not deleted (judged results may cite them): removal is refused here.
 * Judged results are never touched: re-judging stays an explicit action.
 */
export function referenceDeltaSql(prev: ReferenceData, next: ReferenceData): string {
  const out: string[] = [`-- Reference data version ${prev.version} -> ${next.version}`];
  const removed = (what: string, before: string[], after: string[]): void => {
    const keep = new Set(after);
    const gone = before.filter((k) => !keep.has(k));
    if (gone.length > 0) throw new Error(`${what} removed from the reference data: ${gone.join(', ')}`);
  };

  // Sources.
  removed('sources', Object.keys(prev.sources), Object.keys(next.sources));
  for (const [key, s] of Object.entries(next.sources)) {
    const old = prev.sources[key];
    if (!old)
      out.push(
        `INSERT INTO reference_source (key, name, url) VALUES (${lit(key)}, ${lit(s.name)}, ${lit(s.url)}) ON CONFLICT (key) DO NOTHING;`,
      );
    else if (old.name !== s.name || old.url !== s.url)
      out.push(
        `UPDATE reference_source SET name = ${lit(s.name)}, url = ${lit(s.url)} WHERE key = ${lit(key)} AND name = ${lit(old.name)} AND url IS NOT DISTINCT FROM ${lit(old.url)};`,
      );
  }

  // Editions, fallbacks first.
  removed(
    'editions',
    prev.editions.map((e) => e.code),
    next.editions.map((e) => e.code),
  );
  const prevEditions = new Map(prev.editions.map((e) => [e.code, e]));
  const done = new Set(prev.editions.map((e) => e.code));
  const pending = next.editions.filter((e) => !prevEditions.has(e.code));
  while (pending.length > 0) {
    const i = pending.findIndex((e) => e.fallback === null || done.has(e.fallback));
    if (i < 0) throw new Error('circular edition fallbacks');
    const [e] = pending.splice(i, 1) as [ReferenceData['editions'][number]];
    done.add(e.code);
    out.push(
      `INSERT INTO residue_standard (code, family, title, issued_on, effective_from, fallback_code, fully_loaded, sources, note) VALUES (${lit(e.code)}, ${lit(e.family)}, ${lit(e.title)}, ${date(e.issued)}, ${lit(e.effective)}::date, ${lit(e.fallback)}, false, ${arr(e.sources)}, ${lit(e.note)}) ON CONFLICT (code) DO NOTHING;`,
    );
  }
  for (const e of next.editions) {
    const o = prevEditions.get(e.code);
    if (!o) continue;
    if (
      o.family !== e.family ||
      o.title !== e.title ||
      o.issued !== e.issued ||
      o.effective !== e.effective ||
      o.fallback !== e.fallback ||
      o.note !== e.note ||
      o.sources.join('\u0000') !== e.sources.join('\u0000')
    )
      out.push(
        `UPDATE residue_standard SET title = ${lit(e.title)}, issued_on = ${date(e.issued)}, effective_from = ${lit(e.effective)}::date, fallback_code = ${lit(e.fallback)}, sources = ${arr(e.sources)}, note = ${lit(e.note)} WHERE code = ${lit(e.code)} AND title = ${lit(o.title)} AND issued_on IS NOT DISTINCT FROM ${date(o.issued)} AND effective_from = ${lit(o.effective)}::date AND fallback_code IS NOT DISTINCT FROM ${lit(o.fallback)} AND sources = ${arr(o.sources)} AND note IS NOT DISTINCT FROM ${lit(o.note)};`,
      );
  }

  // Analytes.
  removed(
    'analytes',
    prev.analytes.map((a) => a.zh),
    next.analytes.map((a) => a.zh),
  );
  const prevAnalytes = new Map(prev.analytes.map((a) => [a.zh, a]));
  for (const a of next.analytes) {
    const o = prevAnalytes.get(a.zh);
    if (!o)
      out.push(
        `INSERT INTO analyte (name_zh, name_en, cas, class, kind, status, aliases, note) VALUES (${lit(a.zh)}, ${lit(a.en)}, ${lit(a.cas)}, ${lit(a.class)}, ${lit(a.kind)}, ${lit(a.status)}, ${arr(a.aliases)}, ${lit(a.cas_note)}) ON CONFLICT (name_zh) DO NOTHING;`,
      );
    else if (JSON.stringify(o) !== JSON.stringify(a))
      out.push(
        `UPDATE analyte SET name_en = ${lit(a.en)}, cas = ${lit(a.cas)}, class = ${lit(a.class)}, kind = ${lit(a.kind)}, status = ${lit(a.status)}, aliases = ${arr(a.aliases)}, note = ${lit(a.cas_note)} WHERE name_zh = ${lit(a.zh)} AND name_en = ${lit(o.en)} AND cas IS NOT DISTINCT FROM ${lit(o.cas)} AND class = ${lit(o.class)} AND kind = ${lit(o.kind)} AND status = ${lit(o.status)} AND aliases = ${arr(o.aliases)} AND note IS NOT DISTINCT FROM ${lit(o.cas_note)};`,
      );
  }

  // Commodities, parents first.
  removed(
    'commodities',
    prev.commodities.map((c) => c.zh),
    next.commodities.map((c) => c.zh),
  );
  const prevCommodities = new Map(prev.commodities.map((c) => [c.zh, c]));
  const known = new Set(prev.commodities.map((c) => c.zh));
  const newCommodities = next.commodities.filter((c) => !prevCommodities.has(c.zh));
  while (newCommodities.length > 0) {
    const i = newCommodities.findIndex((c) => c.parent === null || known.has(c.parent));
    if (i < 0) throw new Error('a new commodity names a parent that does not exist');
    const [c] = newCommodities.splice(i, 1) as [ReferenceData['commodities'][number]];
    known.add(c.zh);
    out.push(
      `INSERT INTO commodity (name_zh, name_en, parent_id, category) VALUES (${lit(c.zh)}, ${lit(c.en)}, ${c.parent ? `(SELECT id FROM commodity WHERE name_zh = ${lit(c.parent)})` : 'NULL'}, ${lit(c.category)}) ON CONFLICT (name_zh) DO NOTHING;`,
    );
  }
  for (const c of next.commodities) {
    const o = prevCommodities.get(c.zh);
    if (o && JSON.stringify(o) !== JSON.stringify(c))
      throw new Error(`commodity ${c.zh} changed: moving commodities is a user edit, not a release change`);
  }

  // Limits.
  const limitKey = (l: ReferenceData['limits'][number]): string =>
    `${l.standard}|${l.analyte}|${l.commodity}`;
  removed('limits', prev.limits.map(limitKey), next.limits.map(limitKey));
  const prevLimits = new Map(prev.limits.map((l) => [limitKey(l), l]));
  const keyWhere = (l: ReferenceData['limits'][number]): string =>
    `standard_code = ${lit(l.standard)} AND analyte_id = (SELECT id FROM analyte WHERE name_zh = ${lit(l.analyte)}) AND commodity_id = (SELECT id FROM commodity WHERE name_zh = ${lit(l.commodity)})`;
  for (const l of next.limits) {
    const o = prevLimits.get(limitKey(l));
    if (!o)
      out.push(
        `INSERT INTO residue_limit (standard_code, analyte_id, commodity_id, limit_mgkg, confidence, sources, note) VALUES (${lit(l.standard)}, (SELECT id FROM analyte WHERE name_zh = ${lit(l.analyte)}), (SELECT id FROM commodity WHERE name_zh = ${lit(l.commodity)}), ${num(l.mgkg)}, ${lit(l.confidence)}, ${arr(l.sources)}, ${lit(l.note)}) ON CONFLICT (standard_code, analyte_id, commodity_id) DO NOTHING;`,
      );
    else if (JSON.stringify(o) !== JSON.stringify(l))
      out.push(
        `UPDATE residue_limit SET limit_mgkg = ${num(l.mgkg)}, confidence = ${lit(l.confidence)}, sources = ${arr(l.sources)}, note = ${lit(l.note)} WHERE ${keyWhere(l)} AND limit_mgkg = ${num(o.mgkg)} AND confidence = ${lit(o.confidence)} AND sources = ${arr(o.sources)} AND note IS NOT DISTINCT FROM ${lit(o.note)};`,
      );
  }

  // Bans.
  removed('bans', prev.bans.map(banKey), next.bans.map(banKey));
  const prevBans = new Map(prev.bans.map((b) => [banKey(b), b]));
  const banWhere = (b: ReferenceData['bans'][number]): string =>
    `analyte_id = (SELECT id FROM analyte WHERE name_zh = ${lit(b.analyte)}) AND act = ${lit(b.act)} AND commodity_ids IS NOT DISTINCT FROM ${banCommodities(b.commodities)}`;
  for (const b of next.bans) {
    const o = prevBans.get(banKey(b));
    if (!o)
      out.push(
        `INSERT INTO pesticide_ban (analyte_id, commodity_ids, effective_from, date_precision, act, measure, confidence, sources, note) SELECT (SELECT id FROM analyte WHERE name_zh = ${lit(b.analyte)}), ${banCommodities(b.commodities)}, ${date(b.effective)}, ${lit(b.precision)}, ${lit(b.act)}, ${lit(b.measure)}, ${lit(b.confidence)}, ${arr(b.sources)}, ${lit(b.note)} WHERE NOT EXISTS (SELECT 1 FROM pesticide_ban WHERE ${banWhere(b)});`,
      );
    else if (JSON.stringify(o) !== JSON.stringify(b))
      out.push(
        `UPDATE pesticide_ban SET effective_from = ${date(b.effective)}, date_precision = ${lit(b.precision)}, measure = ${lit(b.measure)}, confidence = ${lit(b.confidence)}, sources = ${arr(b.sources)}, note = ${lit(b.note)} WHERE ${banWhere(o)} AND effective_from IS NOT DISTINCT FROM ${date(o.effective)} AND date_precision = ${lit(o.precision)} AND measure = ${lit(o.measure)} AND confidence = ${lit(o.confidence)} AND sources = ${arr(o.sources)} AND note IS NOT DISTINCT FROM ${lit(o.note)};`,
      );
  }
  return `${out.join('\n')}\n`;
}
