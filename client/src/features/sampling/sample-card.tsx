/**
 * A sample (抽样检测) with its results: one row per analyte with the measured value against its limit
 * (GB 2763 MRLs, GB 2762 for heavy metals), or the inhibition rate of a rapid test.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SampleProperties, SampleResult } from '../../../../server/contracts/api';
import { useLang } from '../../app/use-lang';
import type { UiLang } from '../../app/i18n/messages';
import { formatDateTime, formatMeasurement } from '../../lib/format';
import type { Selection } from '../../map/pick';
import { Badge } from '../../ui/badge';
import { FieldList } from '../../ui/field-list';
import { QueryState, RecordHeader, refLink, Section, Stamped } from '../inspector/parts';
import { useSample } from './api';
import { VERDICT_TONE } from './verdict';

function ResultValue({ result, lang }: { result: SampleResult; lang: UiLang }): ReactElement {
  const { t } = useTranslation();
  if (result.inhibitionPct !== null)
    return <>{t('sample.inhibition', { value: formatMeasurement(result.inhibitionPct, lang) })}</>;
  if (result.value === null) return <>{t('sample.notDetected')}</>;
  return (
    <>
      {formatMeasurement(result.value, lang)} <span className="unit">{result.unit}</span>
    </>
  );
}

function ResultsTable({ results }: { results: SampleResult[] }): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  if (!results.length) return <p className="muted">{t('sample.noResults')}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('sample.analyte')}</th>
            <th scope="col">{t('sample.value')}</th>
            <th scope="col">{t('sample.limit')}</th>
            <th scope="col">{t('sample.resultVerdict')}</th>
          </tr>
        </thead>
        <tbody>
          {results.map((result) => (
            <tr key={result.id} className={result.verdict === 'fail' ? 'row--bad' : undefined}>
              <th scope="row">
                {result.analyte}
                {result.standard && <span className="cell-note">{result.standard}</span>}
              </th>
              <td>
                <ResultValue result={result} lang={lang} />
              </td>
              <td>
                {result.limitValue === null
                  ? '—'
                  : `${formatMeasurement(result.limitValue, lang)} ${result.unit}`}
              </td>
              <td>
                <Badge tone={VERDICT_TONE[result.verdict]}>{t(`enums.verdict.${result.verdict}`)}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SampleDetails({
  sample,
  onSelect,
}: {
  sample: SampleProperties;
  onSelect: (s: Selection) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <article className="record" data-testid="sample-card">
      <RecordHeader
        kicker={t(`enums.sampleKind.${sample.kind}`)}
        title={sample.commodity}
        badges={<Badge tone={VERDICT_TONE[sample.verdict]}>{t(`enums.verdict.${sample.verdict}`)}</Badge>}
      />
      <FieldList
        fields={[
          { label: t('sample.code'), value: <span className="mono">{sample.code}</span> },
          { label: t('sample.kind'), value: t(`enums.sampleKind.${sample.kind}`) },
          { label: t('sample.sampledAt'), value: formatDateTime(sample.sampledAt) },
          { label: t('sample.category'), value: t(`enums.productCategory.${sample.category}`) },
          { label: t('sample.verdict'), value: t(`enums.verdict.${sample.verdict}`) },
          { label: t('sample.lab'), value: sample.lab },
          {
            label: t('sample.subject'),
            value: refLink(sample.subject, { kind: 'subject', source: 'subjects' }, onSelect),
          },
          {
            label: t('sample.village'),
            value: refLink(sample.village, { kind: 'grid', source: 'grids-village' }, onSelect),
          },
        ]}
      />
      <Section title={t('sample.results')}>
        <ResultsTable results={sample.results} />
      </Section>
      <Stamped stamp={sample} />
    </article>
  );
}

export function SampleCard({ id, onSelect }: { id: number; onSelect: (s: Selection) => void }): ReactElement {
  const query = useSample(id);
  return (
    <QueryState query={query}>
      {(feature) => <SampleDetails sample={feature.properties} onSelect={onSelect} />}
    </QueryState>
  );
}
