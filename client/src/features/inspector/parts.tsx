/** Pieces shared by the record cards: loading/error states, links to other records, people lists, stamps. */
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person, Ref, Stamp } from '../../../../server/contracts/api';
import { describeError } from '../../app/describe-error';
import { formatDateTime, telHref } from '../../lib/format';
import type { Selection } from '../../map/pick';
import { Icon } from '../../ui/icons';
import { Loading, Notice } from '../../ui/notice';

export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}): ReactElement {
  const { t } = useTranslation();
  if (query.isPending) return <Loading label={t('inspector.loading')} />;
  if (query.isError) {
    return (
      <Notice onRetry={() => void query.refetch()} retryLabel={t('inspector.retry')}>
        {describeError(query.error, t)}
      </Notice>
    );
  }
  return <>{children(query.data)}</>;
}

/** A link-styled button that opens another record in the inspector. */
export function RecordLink({
  target,
  onSelect,
  children,
}: {
  target: Selection;
  onSelect: (s: Selection) => void;
  children: ReactNode;
}): ReactElement {
  return (
    <button type="button" className="record-link" onClick={() => onSelect(target)}>
      {children}
      <Icon name="chevron" size={14} />
    </button>
  );
}

export function refLink(
  ref: Ref | null,
  target: Omit<Selection, 'id'>,
  onSelect: (s: Selection) => void,
): ReactNode {
  if (!ref) return null;
  return (
    <RecordLink target={{ ...target, id: ref.id }} onSelect={onSelect}>
      {ref.name}
    </RecordLink>
  );
}

export function PhoneLink({ phone }: { phone: string | null }): ReactElement | null {
  if (!phone) return null;
  return (
    <a className="phone-link" href={telHref(phone)}>
      <Icon name="phone" size={15} />
      {phone}
    </a>
  );
}

/** People with role, name, post and a phone link: the grid roster and a subject's responsible supervisors. */
export function PeopleList({ people }: { people: Person[] }): ReactElement {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <ul className="people">
      {people.map((person) => (
        <li key={person.id} className="people__item">
          <div className="people__who">
            <span className="people__role">{english ? person.roleNameEn : person.roleNameZh}</span>
            <span className="people__name">{person.name}</span>
            <span className="people__post">{person.post}</span>
          </div>
          <PhoneLink phone={person.phone} />
        </li>
      ))}
    </ul>
  );
}

export function Stamped({ stamp }: { stamp: Stamp }): ReactElement {
  const { t } = useTranslation();
  return (
    <p className="record__stamp">
      {t('inspector.updated', { date: formatDateTime(stamp.updatedAt), by: stamp.updatedBy })}
    </p>
  );
}

export function RecordHeader({
  title,
  kicker,
  badges,
}: {
  title: ReactNode;
  kicker?: ReactNode;
  badges?: ReactNode;
}): ReactElement {
  return (
    <div className="record__header">
      {kicker && <p className="record__kicker">{kicker}</p>}
      <h3 className="record__title">{title}</h3>
      {badges && <div className="record__badges">{badges}</div>}
    </div>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }): ReactElement {
  return (
    <section className="record__section">
      <h4 className="record__section-title">{title}</h4>
      {children}
    </section>
  );
}
