/**
 * The registry editor: create or edit a production subject. The server validates (credit code check character,
 * resident ID check digit, phones, the key-list rule) and its messages are shown at the field they concern; a stale
 * version (409) is shown as "已被 X 于 T 修改" with a reload. Credit-class and key-list changes need a reason and
 * the date they take effect. The resident ID is write-only: the editor shows the masked value as a hint only.
 */
import { type FormEvent, type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  SubjectCreate,
  SubjectFeature,
  SubjectPatch,
  SubjectProperties,
} from '../../../../server/contracts/api';
import type {
  Certification,
  CreditClass,
  ProductCategory,
  SubjectType,
} from '../../../../server/contracts/enums';
import { ApiError } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import { registryApi } from './api';
import { writeProblem } from './field-errors';
import { chinaToday } from '../../lib/format';

// Typed against the contract unions: the compiler reports a missing member (docs/client.md).
const TYPES: Record<SubjectType, 1> = {
  enterprise: 1,
  cooperative: 1,
  family_farm: 1,
  large_grower: 1,
  small_household: 1,
  input_shop: 1,
  storage_transport: 1,
};
const CERTS: Record<Certification, 1> = { pollution_free: 1, green_food: 1, organic: 1, geo_indication: 1 };
const CREDITS: Record<CreditClass, 1> = { A: 1, B: 1, C: 1 };
const PRODUCTS: Record<ProductCategory, 1> = {
  vegetable: 1,
  fruit: 1,
  tea: 1,
  grain_oil: 1,
  livestock_poultry: 1,
  aquatic: 1,
  edible_fungi: 1,
  other: 1,
};
export const SUBJECT_TYPE_VALUES = Object.keys(TYPES) as SubjectType[];
export const CERTIFICATION_VALUES = Object.keys(CERTS) as Certification[];
export const CREDIT_VALUES = Object.keys(CREDITS) as CreditClass[];
const PRODUCT_VALUES = Object.keys(PRODUCTS) as ProductCategory[];

interface FormValues {
  code: string;
  name: string;
  type: SubjectType;
  creditCode: string;
  legalRep: string;
  legalRepIdNumber: string;
  phone: string;
  address: string;
  mainProducts: ProductCategory[];
  certifications: Certification[];
  traceability: boolean;
  issuesCertificate: boolean;
  creditClass: CreditClass | '';
  keyList: boolean;
  internalControllerName: string;
  internalControllerPhone: string;
}

function valuesOf(p: SubjectProperties | null): FormValues {
  return {
    code: p?.code ?? '',
    name: p?.name ?? '',
    type: p?.type ?? 'cooperative',
    creditCode: p?.creditCode ?? '',
    legalRep: p?.legalRep ?? '',
    legalRepIdNumber: '',
    phone: p?.phone ?? '',
    address: p?.address ?? '',
    mainProducts: p?.mainProducts ?? [],
    certifications: p?.certifications ?? [],
    traceability: p?.traceability ?? false,
    issuesCertificate: p?.issuesCertificate ?? false,
    creditClass: p?.creditClass ?? '',
    keyList: p?.keyList ?? false,
    internalControllerName: p?.internalControllerName ?? '',
    internalControllerPhone: p?.internalControllerPhone ?? '',
  };
}

/** Values as the API takes them: empty text → null (the ID number is left out when empty). */
function attributes(v: FormValues): Record<string, unknown> {
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    type: v.type,
    creditCode: text(v.creditCode),
    legalRep: text(v.legalRep),
    ...(v.legalRepIdNumber.trim() ? { legalRepIdNumber: v.legalRepIdNumber.trim() } : {}),
    phone: text(v.phone),
    address: text(v.address),
    mainProducts: v.mainProducts,
    certifications: v.certifications,
    traceability: v.traceability,
    issuesCertificate: v.issuesCertificate,
    creditClass: v.creditClass === '' ? null : v.creditClass,
    keyList: v.keyList,
    internalControllerName: text(v.internalControllerName),
    internalControllerPhone: text(v.internalControllerPhone),
  };
}

interface Conflict {
  by: string;
  at: string;
}

export interface SubjectFormProps {
  /** The subject being edited, or null to register a new one. */
  subject: SubjectFeature | null;
  onSaved: (feature: SubjectFeature) => void;
  onCancel: () => void;
  /** Reloads the subject after a version conflict. */
  onReload: () => void;
}

export function SubjectForm({ subject, onSaved, onCancel, onReload }: SubjectFormProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const original = subject?.properties ?? null;
  const initial = useMemo(() => valuesOf(original), [original]);
  const [values, setValues] = useState<FormValues>(initial);
  const [reason, setReason] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(chinaToday());
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setFieldErrors((e) => {
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
  };
  const toggle = <T extends string>(list: T[], value: T): T[] =>
    list.includes(value) ? list.filter((x) => x !== value) : [...list, value];

  const decisionChanged =
    original !== null &&
    ((values.creditClass || null) !== original.creditClass || values.keyList !== original.keyList);

  const showError = (error: unknown) => {
    if (!(error instanceof ApiError && error.fromServer)) {
      setMessage(describeError(error, t));
      return;
    }
    const problem = writeProblem(error);
    if (problem.kind === 'conflict') {
      setConflict({ by: problem.by, at: problem.at });
      setMessage(null);
      return;
    }
    setFieldErrors(problem.fields);
    setMessage(problem.message ?? t('registry.form.fixFields'));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setMessage(null);
    setFieldErrors({});
    try {
      const all = attributes(values);
      if (!subject || !original) {
        const created = await registryApi.create(
          { type: 'Feature', geometry: null, properties: all } as unknown as SubjectCreate,
          { lang },
        );
        onSaved(created);
        return;
      }
      const before = attributes(initial);
      const changed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(all))
        if (JSON.stringify(value) !== JSON.stringify(before[key])) changed[key] = value;
      const patch = {
        version: original.version,
        properties: changed,
        ...(decisionChanged ? { ...(reason.trim() ? { reason: reason.trim() } : {}), effectiveOn } : {}),
      } as unknown as SubjectPatch;
      onSaved(await registryApi.patch(original.id, patch, { lang }));
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const err = (key: string) =>
    fieldErrors[key] ? (
      <span className="subject-form__error" role="alert" data-error-for={key}>
        {fieldErrors[key]}
      </span>
    ) : null;
  const input = (key: keyof FormValues & string, opts: { mono?: boolean; placeholder?: string } = {}) => (
    <label className={`subject-form__field ${fieldErrors[key] ? 'subject-form__field--bad' : ''}`}>
      <span>{t(`registry.form.${key}` as 'registry.form.code')}</span>
      <input
        name={key}
        value={values[key] as string}
        onChange={(e) => set(key, e.target.value as never)}
        className={opts.mono ? 'mono' : undefined}
        placeholder={opts.placeholder}
        aria-invalid={Boolean(fieldErrors[key])}
        data-field={key}
      />
      {err(key)}
    </label>
  );

  return (
    <form className="subject-form" onSubmit={(e) => void submit(e)} data-testid="subject-form" noValidate>
      <h3>
        {original ? t('registry.form.titleEdit', { name: original.name }) : t('registry.form.titleNew')}
      </h3>
      {conflict && (
        <div className="registry__alert" role="alert" data-testid="version-conflict">
          <p>{t('registry.form.conflict', { by: conflict.by, at: conflict.at })}</p>
          <button type="button" onClick={onReload} data-testid="conflict-reload">
            {t('registry.form.reload')}
          </button>
        </div>
      )}
      {message && (
        <p className="registry__alert" role="alert" data-testid="form-message">
          {message}
        </p>
      )}
      {input('code', { mono: true })}
      {input('name')}
      <label className="subject-form__field">
        <span>{t('registry.form.type')}</span>
        <select
          value={values.type}
          onChange={(e) => set('type', e.target.value as SubjectType)}
          data-field="type"
        >
          {SUBJECT_TYPE_VALUES.map((type) => (
            <option key={type} value={type}>
              {t(`enums.subjectType.${type}`)}
            </option>
          ))}
        </select>
        {err('type')}
      </label>
      {input('creditCode', { mono: true })}
      {input('legalRep')}
      {input('legalRepIdNumber', {
        mono: true,
        ...(original?.legalRepIdNumberMasked
          ? { placeholder: t('registry.form.idKeep', { masked: original.legalRepIdNumberMasked }) }
          : {}),
      })}
      {input('phone', { mono: true })}
      {input('address')}
      <fieldset className="subject-form__choices">
        <legend>{t('registry.form.mainProducts')}</legend>
        {PRODUCT_VALUES.map((p) => (
          <label key={p}>
            <input
              type="checkbox"
              checked={values.mainProducts.includes(p)}
              onChange={() => set('mainProducts', toggle(values.mainProducts, p))}
            />
            {t(`enums.productCategory.${p}`)}
          </label>
        ))}
        {err('mainProducts')}
      </fieldset>
      <fieldset className="subject-form__choices">
        <legend>{t('registry.form.certifications')}</legend>
        {CERTIFICATION_VALUES.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              checked={values.certifications.includes(c)}
              onChange={() => set('certifications', toggle(values.certifications, c))}
            />
            {t(`enums.certification.${c}`)}
          </label>
        ))}
      </fieldset>
      <label className="subject-form__check">
        <input
          type="checkbox"
          checked={values.traceability}
          onChange={(e) => set('traceability', e.target.checked)}
        />
        {t('registry.form.traceability')}
      </label>
      <label className="subject-form__check">
        <input
          type="checkbox"
          checked={values.issuesCertificate}
          onChange={(e) => set('issuesCertificate', e.target.checked)}
        />
        {t('registry.form.issuesCertificate')}
      </label>
      <label className="subject-form__field">
        <span>{t('registry.form.creditClass')}</span>
        <select
          value={values.creditClass}
          onChange={(e) => set('creditClass', e.target.value as CreditClass | '')}
          data-field="creditClass"
        >
          <option value="">{t('registry.creditNone')}</option>
          {CREDIT_VALUES.map((c) => (
            <option key={c} value={c}>
              {t(`enums.creditClass.${c}`)}
            </option>
          ))}
        </select>
        {err('creditClass')}
      </label>
      <label className={`subject-form__check ${fieldErrors.keyList ? 'subject-form__field--bad' : ''}`}>
        <input
          type="checkbox"
          checked={values.keyList}
          onChange={(e) => set('keyList', e.target.checked)}
          data-field="keyList"
        />
        {t('registry.form.keyList')}
      </label>
      {err('keyList')}
      {decisionChanged && (
        <div className="subject-form__decision" data-testid="decision-reason">
          <label className={`subject-form__field ${fieldErrors.reason ? 'subject-form__field--bad' : ''}`}>
            <span>{t('registry.form.reason')}</span>
            <input
              name="reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-field="reason"
            />
            {err('reason')}
          </label>
          <label className="subject-form__field">
            <span>{t('registry.form.effectiveOn')}</span>
            <input type="date" value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
          </label>
        </div>
      )}
      {input('internalControllerName')}
      {input('internalControllerPhone', { mono: true })}
      {err('geometry')}
      <div className="registry__actions subject-form__actions">
        <button type="submit" className="registry__primary" disabled={saving} data-testid="form-save">
          {saving ? t('registry.form.saving') : t('registry.form.save')}
        </button>
        <button type="button" onClick={onCancel} data-testid="form-cancel">
          {t('registry.form.cancel')}
        </button>
      </div>
    </form>
  );
}
