/**
 * The filter of every residue view (筛选): time range (with a year shortcut), sample kinds, commodity at any level of
 * the tree, analyte, subject types, grid at any level, and what counts as a failure. Every map and table of the
 * workspace reads the same filter.
 */
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridSummary } from '../../../../server/contracts/api';
import type { SampleKind, SubjectType } from '../../../../server/contracts/enums';
import type { ReferenceResponse } from '../../../../server/contracts/residue';
import type { Filter } from './api';

/** Tree order with depth: parents before their children. */
export function treeOrder<T extends { id: number; parentId: number | null }>(
  items: readonly T[],
): { item: T; depth: number }[] {
  const children = new Map<number | null, T[]>();
  const ids = new Set(items.map((i) => i.id));
  for (const item of items) {
    const parent = item.parentId !== null && ids.has(item.parentId) ? item.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  const out: { item: T; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const item of children.get(parent) ?? []) {
      out.push({ item, depth });
      walk(item.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

// The client keeps its own lists (the contract's zod enums stay out of the bundle); the compiler checks them.
const SAMPLE_KINDS = [
  'routine',
  'supervisory',
  'rapid',
  'quantitative',
] as const satisfies readonly SampleKind[];
const SUBJECT_TYPES = [
  'enterprise',
  'cooperative',
  'family_farm',
  'large_grower',
  'small_household',
  'input_shop',
  'storage_transport',
] as const satisfies readonly SubjectType[];
export { SAMPLE_KINDS };

const indent = (depth: number) => '\u3000'.repeat(depth);

export function FilterBar({
  filter,
  onChange,
  reference,
  grids,
}: {
  filter: Filter;
  onChange: (filter: Filter) => void;
  reference: ReferenceResponse | null;
  grids: GridSummary[];
}): ReactElement {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const thisYear = new Date().getFullYear();
  const commodities = useMemo(() => treeOrder(reference?.commodities ?? []), [reference]);
  const gridTree = useMemo(() => treeOrder(grids), [grids]);
  const year =
    filter.from &&
    filter.to &&
    filter.from.slice(0, 4) === filter.to.slice(0, 4) &&
    filter.from.slice(5) === '01-01' &&
    filter.to.slice(5) === '12-31'
      ? filter.from.slice(0, 4)
      : '';
  const set = (patch: Partial<Filter>) => onChange({ ...filter, ...patch });
  const toggle = (list: string[] | undefined, value: string) =>
    list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];

  return (
    <fieldset className="analysis__filter" data-testid="analysis-filter">
      <legend>{t('analysis.filter.title')}</legend>
      <label>
        {t('analysis.filter.year')}
        <select
          data-testid="filter-year"
          value={year}
          onChange={(e) =>
            e.target.value
              ? set({ from: `${e.target.value}-01-01`, to: `${e.target.value}-12-31` })
              : set({ from: undefined, to: undefined })
          }
        >
          <option value="">{t('analysis.filter.allYears')}</option>
          {[0, 1, 2, 3, 4, 5].map((k) => (
            <option key={k} value={thisYear - k}>
              {thisYear - k}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('analysis.filter.from')}
        <input
          type="date"
          data-testid="filter-from"
          value={filter.from ?? ''}
          onChange={(e) => set({ from: e.target.value || undefined })}
        />
      </label>
      <label>
        {t('analysis.filter.to')}
        <input
          type="date"
          data-testid="filter-to"
          value={filter.to ?? ''}
          onChange={(e) => set({ to: e.target.value || undefined })}
        />
      </label>
      <label className="analysis__wide">
        {t('analysis.filter.commodity')}
        <select
          data-testid="filter-commodity"
          value={filter.commodity ?? ''}
          onChange={(e) => set({ commodity: e.target.value || undefined })}
        >
          <option value="">{t('analysis.filter.any')}</option>
          {commodities.map(({ item, depth }) => (
            <option key={item.id} value={item.nameZh}>
              {indent(depth)}
              {en ? `${item.nameEn} ${item.nameZh}` : item.nameZh}
            </option>
          ))}
        </select>
      </label>
      <label className="analysis__wide">
        {t('analysis.filter.analyte')}
        <select
          data-testid="filter-analyte"
          value={filter.analyte ?? ''}
          onChange={(e) => set({ analyte: e.target.value || undefined })}
        >
          <option value="">{t('analysis.filter.any')}</option>
          {(reference?.analytes ?? []).map((a) => (
            <option key={a.id} value={a.nameZh}>
              {en ? `${a.nameEn} ${a.nameZh}` : `${a.nameZh} ${a.nameEn}`}
            </option>
          ))}
        </select>
      </label>
      <label className="analysis__wide">
        {t('analysis.filter.grid')}
        <select
          data-testid="filter-grid"
          value={filter.gridId ?? ''}
          onChange={(e) => set({ gridId: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">{t('analysis.filter.any')}</option>
          {gridTree.map(({ item, depth }) => (
            <option key={item.id} value={item.id}>
              {indent(depth)}
              {item.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('analysis.filter.outcome')}
        <select
          data-testid="filter-outcome"
          value={filter.outcome ?? 'fail'}
          onChange={(e) => set({ outcome: e.target.value as Filter['outcome'] })}
        >
          <option value="fail">{t('analysis.filter.outcomes.fail')}</option>
          <option value="fail_or_suspected">{t('analysis.filter.outcomes.fail_or_suspected')}</option>
        </select>
      </label>
      <div className="analysis__checks analysis__full" role="group" aria-label={t('analysis.filter.kinds')}>
        <span>{t('analysis.filter.kinds')}</span>
        {SAMPLE_KINDS.map((kind) => (
          <label key={kind} className="analysis__check">
            <input
              type="checkbox"
              data-testid={`filter-kind-${kind}`}
              checked={filter.kinds?.includes(kind) ?? false}
              onChange={() => set({ kinds: toggle(filter.kinds, kind) })}
            />
            {t(`enums.sampleKind.${kind}`)}
          </label>
        ))}
      </div>
      <details className="analysis__full">
        <summary>
          {t('analysis.filter.subjectTypes')}
          {filter.subjectTypes?.length ? ` (${filter.subjectTypes.length})` : ''}
        </summary>
        <div className="analysis__checks">
          {SUBJECT_TYPES.map((type) => (
            <label key={type} className="analysis__check">
              <input
                type="checkbox"
                checked={filter.subjectTypes?.includes(type) ?? false}
                onChange={() => set({ subjectTypes: toggle(filter.subjectTypes, type) })}
              />
              {t(`enums.subjectType.${type}`)}
            </label>
          ))}
        </div>
      </details>
      <button type="button" className="analysis__full" onClick={() => onChange({})}>
        {t('analysis.filter.reset')}
      </button>
    </fieldset>
  );
}
