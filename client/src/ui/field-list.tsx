/** Label/value rows of a record card. Empty values show a dash so a missing field is visibly missing. */
import type { ReactElement, ReactNode } from 'react';

export interface Field {
  label: string;
  value: ReactNode;
  /** Stable key when labels repeat. */
  key?: string;
}

export function FieldList({ fields }: { fields: Field[] }): ReactElement {
  return (
    <dl className="field-list">
      {fields.map((field) => (
        <div className="field-list__row" key={field.key ?? field.label}>
          <dt>{field.label}</dt>
          <dd>
            {field.value === null || field.value === undefined || field.value === '' ? '—' : field.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
