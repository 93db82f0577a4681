/** A farmland soil sample (土壤采样点): land use, pH and the heavy metals measured, in mg/kg. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SoilSampleProperties } from '../../../../server/contracts/api';
import type { SoilMetal } from '../../../../server/contracts/enums';
import { useLang } from '../../app/use-lang';
import { formatMeasurement, formatNumber } from '../../lib/format';
import type { Selection } from '../../map/pick';
import { FieldList } from '../../ui/field-list';
import { QueryState, RecordHeader, refLink, Section, Stamped } from '../inspector/parts';
import { useSoilSample } from './api';

/** The metals in the order of GB 15618 (the five with intervention values first); importing the contract's
 * runtime list would pull zod into the client bundle, so the record below is checked against its type instead. */
const METALS = Object.keys({ cd: 1, hg: 1, as: 1, pb: 1, cr: 1, cu: 1, ni: 1, zn: 1 } satisfies Record<
  SoilMetal,
  1
>) as SoilMetal[];

function SoilDetails({
  soil,
  onSelect,
}: {
  soil: SoilSampleProperties;
  onSelect: (s: Selection) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <article className="record" data-testid="soil-card">
      <RecordHeader kicker={t('inspector.kind.soil')} title={soil.code} />
      <FieldList
        fields={[
          { label: t('soil.code'), value: <span className="mono">{soil.code}</span> },
          { label: t('soil.sampledOn'), value: soil.sampledOn },
          { label: t('soil.landUse'), value: t(`enums.landUse.${soil.landUse}`) },
          { label: t('soil.ph'), value: formatNumber(soil.ph, lang, 2) },
          {
            label: t('soil.village'),
            value: refLink(soil.village, { kind: 'grid', source: 'grids-village' }, onSelect),
          },
        ]}
      />
      <Section title={t('soil.metals')}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('soil.metal')}</th>
              <th scope="col">{t('soil.value')}</th>
            </tr>
          </thead>
          <tbody>
            {METALS.map((metal) => (
              <tr key={metal}>
                <th scope="row">{t(`enums.soilMetal.${metal}`)}</th>
                <td>{soil.metals[metal] === null ? '—' : formatMeasurement(soil.metals[metal], lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Stamped stamp={soil} />
    </article>
  );
}

export function SoilCard({ id, onSelect }: { id: number; onSelect: (s: Selection) => void }): ReactElement {
  const query = useSoilSample(id);
  return (
    <QueryState query={query}>
      {(feature) => <SoilDetails soil={feature.properties} onSelect={onSelect} />}
    </QueryState>
  );
}
