/**
 * A production subject's registry card (生产主体名录): every field of GET /api/subjects/:id, laid out like the
 * public information board — type, credit class, traceability and certificates, the people responsible.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubjectProperties } from '../../../../server/contracts/api';
import type { CreditClass } from '../../../../server/contracts/enums';
import { useLang } from '../../app/use-lang';
import { formatDateTime, formatMu } from '../../lib/format';
import { SUBJECT_TYPE_COLORS } from '../../map/catalog';
import type { Selection } from '../../map/pick';
import { Badge, type Tone } from '../../ui/badge';
import { FieldList } from '../../ui/field-list';
import {
  PeopleList,
  PhoneLink,
  QueryState,
  RecordHeader,
  refLink,
  Section,
  Stamped,
} from '../inspector/parts';
import { useSubject } from './api';

const CREDIT_TONE: Record<CreditClass, Tone> = { A: 'good', B: 'warn', C: 'bad' };

function SubjectDetails({
  subject,
  onSelect,
}: {
  subject: SubjectProperties;
  onSelect: (s: Selection) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const list = (values: string[]) =>
    values.length ? values.join(lang === 'en' ? ', ' : '、') : t('inspector.none');
  const credit = subject.creditClass
    ? t(`enums.creditClass.${subject.creditClass}`)
    : t('subject.creditNone');
  const { counts } = subject;
  return (
    <article className="record" data-testid="subject-card">
      <RecordHeader
        kicker={
          <>
            <span
              className="type-swatch"
              style={{ background: SUBJECT_TYPE_COLORS[subject.type] }}
              aria-hidden="true"
            />
            {t(`enums.subjectType.${subject.type}`)}
          </>
        }
        title={subject.name}
        badges={
          <>
            <Badge tone={subject.creditClass ? CREDIT_TONE[subject.creditClass] : 'neutral'}>
              {t('subject.creditClass')} {credit}
            </Badge>
            {subject.keyList && <Badge tone="warn">{t('subject.keyList')}</Badge>}
            {subject.status === 'retired' && <Badge>{t('enums.subjectStatus.retired')}</Badge>}
          </>
        }
      />
      <FieldList
        fields={[
          { label: t('subject.code'), value: <span className="mono">{subject.code}</span> },
          { label: t('subject.type'), value: t(`enums.subjectType.${subject.type}`) },
          {
            label: t('subject.creditCode'),
            value: subject.creditCode && <span className="mono">{subject.creditCode}</span>,
          },
          { label: t('subject.legalRep'), value: subject.legalRep },
          { label: t('subject.phone'), value: <PhoneLink phone={subject.phone} /> },
          { label: t('subject.address'), value: subject.address },
          {
            label: t('subject.mainProducts'),
            value: list(subject.mainProducts.map((p) => t(`enums.productCategory.${p}`))),
          },
          {
            label: t('subject.certifications'),
            value: list(subject.certifications.map((c) => t(`enums.certification.${c}`))),
          },
          {
            label: t('subject.traceability'),
            value: t(subject.traceability ? 'subject.traceabilityYes' : 'subject.traceabilityNo'),
          },
          {
            label: t('subject.issuesCertificate'),
            value: t(subject.issuesCertificate ? 'subject.issuesYes' : 'subject.issuesNo'),
          },
          { label: t('subject.creditClass'), value: credit },
          {
            label: t('subject.keyList'),
            value: t(subject.keyList ? 'subject.keyListYes' : 'subject.keyListNo'),
          },
          {
            label: t('subject.internalController'),
            value: subject.internalControllerName && (
              <span className="inline-person">
                {subject.internalControllerName} <PhoneLink phone={subject.internalControllerPhone} />
              </span>
            ),
          },
          { label: t('subject.status'), value: t(`enums.subjectStatus.${subject.status}`) },
          {
            label: t('subject.township'),
            value: refLink(subject.township, { kind: 'grid', source: 'grids-township' }, onSelect),
          },
          {
            label: t('subject.village'),
            value: refLink(subject.village, { kind: 'grid', source: 'grids-village' }, onSelect),
          },
          {
            label: t('subject.baseArea'),
            value:
              subject.baseAreaMu === null
                ? null
                : t('subject.baseAreaValue', { value: formatMu(subject.baseAreaMu, lang) }),
          },
          {
            label: t('subject.samples'),
            value: t('subject.samplesValue', { count: counts.samples, failed: counts.failedSamples }),
          },
          { label: t('subject.patrols'), value: t('subject.patrolsValue', { count: counts.patrols }) },
          {
            label: t('subject.lastPatrol'),
            value: counts.lastPatrolAt && formatDateTime(counts.lastPatrolAt, false),
          },
        ]}
      />
      <Section title={t('subject.responsible')}>
        {subject.responsible.length ? (
          <PeopleList people={subject.responsible} />
        ) : (
          <p className="muted">{t('inspector.none')}</p>
        )}
      </Section>
      <Stamped stamp={subject} />
    </article>
  );
}

export function SubjectCard({
  id,
  onSelect,
}: {
  id: number;
  onSelect: (s: Selection) => void;
}): ReactElement {
  const query = useSubject(id);
  return (
    <QueryState query={query}>
      {(feature) => <SubjectDetails subject={feature.properties} onSelect={onSelect} />}
    </QueryState>
  );
}
