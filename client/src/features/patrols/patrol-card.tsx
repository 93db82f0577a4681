/**
 * A daily patrol (日常巡查): who patrolled which subject when, the seven checks of the Changji plan with their
 * findings, the outcome (compliant, rectify by a deadline, referred to enforcement) and the GPS track length.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatrolProperties } from '../../../../server/contracts/api';
import type { CheckStatus, PatrolCheck, PatrolOutcome } from '../../../../server/contracts/enums';
import { useLang } from '../../app/use-lang';
import { formatDateTime, formatLength } from '../../lib/format';
import type { Selection } from '../../map/pick';
import { Badge, type Tone } from '../../ui/badge';
import { FieldList } from '../../ui/field-list';
import { QueryState, RecordHeader, refLink, Section, Stamped } from '../inspector/parts';
import { usePatrol } from './api';

/** The checks in the order of annex 1 (a record type-checked against the contract's union). */
const CHECKS = Object.keys({
  production_records: 1,
  input_purchase: 1,
  drug_use: 1,
  additives: 1,
  waste_disposal: 1,
  certificates: 1,
  other: 1,
} satisfies Record<PatrolCheck, 1>) as PatrolCheck[];

const OUTCOME_TONE: Record<PatrolOutcome, Tone> = { compliant: 'good', rectify: 'warn', refer: 'bad' };
const STATUS_TONE: Record<CheckStatus, Tone> = { ok: 'good', problem: 'bad', na: 'neutral' };

function Checklist({ checklist }: { checklist: PatrolProperties['checklist'] }): ReactElement {
  const { t } = useTranslation();
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('patrol.check')}</th>
          <th scope="col">{t('patrol.status')}</th>
        </tr>
      </thead>
      <tbody>
        {CHECKS.map((check) => {
          const entry = checklist[check];
          return (
            <tr key={check} className={entry?.status === 'problem' ? 'row--bad' : undefined}>
              <th scope="row">
                {t(`enums.patrolCheck.${check}`)}
                {entry?.note && <span className="cell-note">{entry.note}</span>}
              </th>
              <td>
                {entry ? (
                  <Badge tone={STATUS_TONE[entry.status]}>{t(`enums.checkStatus.${entry.status}`)}</Badge>
                ) : (
                  <span className="muted">{t('patrol.notChecked')}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function PatrolDetails({
  patrol,
  onSelect,
}: {
  patrol: PatrolProperties;
  onSelect: (s: Selection) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <article className="record" data-testid="patrol-card">
      <RecordHeader
        kicker={t('inspector.kind.patrol')}
        title={patrol.subject.name}
        badges={
          <Badge tone={OUTCOME_TONE[patrol.outcome]}>{t(`enums.patrolOutcome.${patrol.outcome}`)}</Badge>
        }
      />
      <FieldList
        fields={[
          {
            label: t('patrol.subject'),
            value: refLink(patrol.subject, { kind: 'subject', source: 'subjects' }, onSelect),
          },
          {
            label: t('patrol.village'),
            value: refLink(patrol.village, { kind: 'grid', source: 'grids-village' }, onSelect),
          },
          { label: t('patrol.inspector'), value: patrol.inspectorName },
          { label: t('patrol.patrolledAt'), value: formatDateTime(patrol.patrolledAt) },
          { label: t('patrol.outcome'), value: t(`enums.patrolOutcome.${patrol.outcome}`) },
          {
            label: t('patrol.rectifyDeadline'),
            value: patrol.rectifyDeadline && formatDateTime(patrol.rectifyDeadline, false),
          },
          {
            label: t('patrol.trackLength'),
            value: patrol.trackLengthM === null ? null : formatLength(patrol.trackLengthM, lang),
          },
          { label: t('patrol.notes'), value: patrol.notes },
        ]}
      />
      <Section title={t('patrol.checklist')}>
        <Checklist checklist={patrol.checklist} />
      </Section>
      <Stamped stamp={patrol} />
    </article>
  );
}

export function PatrolCard({ id, onSelect }: { id: number; onSelect: (s: Selection) => void }): ReactElement {
  const query = usePatrol(id);
  return (
    <QueryState query={query}>
      {(feature) => <PatrolDetails patrol={feature.properties} onSelect={onSelect} />}
    </QueryState>
  );
}
