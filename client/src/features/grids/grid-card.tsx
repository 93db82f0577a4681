/**
 * A grid's card: what the public notice board of the Changji plan shows — the roster of responsible people with
 * their phones first (who to call is what an official opens a grid for), any required role left empty, then the
 * grid's code, level, parent, area, population and subjects.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridProperties } from '../../../../server/contracts/api';
import { useLang } from '../../app/use-lang';
import { formatArea, formatNumber } from '../../lib/format';
import type { Selection } from '../../map/pick';
import { Badge } from '../../ui/badge';
import { FieldList } from '../../ui/field-list';
import { Notice } from '../../ui/notice';
import { PeopleList, QueryState, RecordHeader, RecordLink, Section, Stamped } from '../inspector/parts';
import { useGrid } from './api';
import { gridSource } from './grid-source';

function GridDetails({
  grid,
  onSelect,
}: {
  grid: GridProperties;
  onSelect: (s: Selection) => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const area = formatArea(grid.areaKm2, lang);
  const missing = grid.missingRoles.map((role) => (i18n.language === 'en' ? role.nameEn : role.nameZh));
  const count = (
    value: number | null,
    key: 'grid.populationValue' | 'grid.subjectsValue' | 'grid.childrenValue',
  ) => (value === null ? null : t(key, { value: formatNumber(value, lang) }));
  return (
    <article className="record" data-testid="grid-card">
      <RecordHeader
        kicker={t(`enums.gridLevel.${grid.level}`)}
        title={grid.name}
        badges={
          missing.length ? (
            <Badge tone="bad">{t('legend.unstaffed')}</Badge>
          ) : (
            <Badge tone="good">{t('grid.staffed')}</Badge>
          )
        }
      />
      {missing.length > 0 && (
        <Notice>{t('grid.missing', { roles: missing.join(lang === 'en' ? ', ' : '、') })}</Notice>
      )}
      <Section title={t('grid.roster')}>
        {grid.roster.length ? (
          <PeopleList people={grid.roster} />
        ) : (
          <p className="muted">{t('grid.noRoster')}</p>
        )}
      </Section>
      <FieldList
        fields={[
          { label: t('grid.code'), value: <span className="mono">{grid.code}</span> },
          { label: t('grid.level'), value: t(`enums.gridLevel.${grid.level}`) },
          {
            label: t('grid.parent'),
            value: grid.parent && (
              <RecordLink
                target={{ kind: 'grid', id: grid.parent.id, source: gridSource(grid.parent.level) }}
                onSelect={onSelect}
              >
                {grid.parent.name}
              </RecordLink>
            ),
          },
          { label: t('grid.area'), value: t('grid.areaValue', { km2: area.km2, mu: area.mu }) },
          { label: t('grid.population'), value: count(grid.population, 'grid.populationValue') },
          { label: t('grid.subjects'), value: count(grid.subjectCount, 'grid.subjectsValue') },
          ...(grid.level === 'village'
            ? []
            : [{ label: t('grid.children'), value: count(grid.childCount, 'grid.childrenValue') }]),
        ]}
      />
      <Stamped stamp={grid} />
    </article>
  );
}

export function GridCard({ id, onSelect }: { id: number; onSelect: (s: Selection) => void }): ReactElement {
  const query = useGrid(id);
  return (
    <QueryState query={query}>
      {(feature) => <GridDetails grid={feature.properties} onSelect={onSelect} />}
    </QueryState>
  );
}
