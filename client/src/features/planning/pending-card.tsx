/** The edit waiting for the planner's decision: what the save would do, or why it is refused and how to fix it. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditResult, TopologyProblem } from '../../../../server/contracts/grids';
import type { EditBody } from './api';

export interface Pending {
  edit: EditBody;
  name?: string;
  preview: EditResult | null;
  problems: TopologyProblem[] | null;
  message: string | null;
  code?: string;
}

export function PendingCard({
  pending,
  onName,
  onCarve,
  onSave,
  onCancel,
  onRepair,
}: {
  pending: Pending;
  onName: (name: string) => void;
  onCarve: () => void;
  onSave: () => void;
  onCancel: () => void;
  onRepair: (geometry: unknown) => void;
}): ReactElement {
  const { t } = useTranslation();
  const overlap =
    pending.problems?.some((p) => p.kind === 'overlap') &&
    (pending.edit.op === 'create' || pending.edit.op === 'update');
  const repaired = (pending as { repaired?: unknown }).repaired;
  const preview = pending.preview;
  return (
    <section className="pending" data-testid="pending" aria-live="polite">
      <h3>{t('planning.preview')}</h3>
      {pending.edit.op === 'create' && (
        <label className="planning__field">
          <span>{t('planning.name')}</span>
          <input
            value={pending.name ?? ''}
            onChange={(event) => onName(event.target.value)}
            data-testid="pending-name"
          />
        </label>
      )}
      {pending.message && (
        <p className="pending__error" role="alert" data-testid="pending-error">
          {pending.message}
        </p>
      )}
      {pending.problems && pending.problems.length > 0 && (
        <ul className="pending__problems">
          {pending.problems.map((p, i) => (
            <li key={i}>
              {t(`planning.${p.kind}`)} {p.names.join(' / ')} ·{' '}
              {t('planning.problemArea', { m2: p.area.m2.toLocaleString(), mu: p.area.mu })}
            </li>
          ))}
        </ul>
      )}
      {preview && (
        <div data-testid="pending-preview">
          {preview.adjusted.length > 0 && (
            <p>{t('planning.adjusted', { names: preview.adjusted.map((a) => a.name).join('、') })}</p>
          )}
          <h4>{t('planning.moves')}</h4>
          {preview.moveSummary.length === 0 ? (
            <p>{t('planning.noMoves')}</p>
          ) : (
            <ul>
              {preview.moveSummary.map((m, i) => (
                <li key={i} data-testid="move-line">
                  {t('planning.moveLine', { count: m.count, from: m.from ?? '—', to: m.to ?? '—' })}
                </li>
              ))}
            </ul>
          )}
          <p>
            {t('planning.coverage')} {t('planning.coverageValue', { pct: preview.topology.coveragePct })}
          </p>
        </div>
      )}
      <div className="planning__tools">
        {overlap && (
          <button type="button" onClick={onCarve} data-testid="pending-carve">
            {t('planning.carve')}
          </button>
        )}
        {repaired !== undefined && (
          <button type="button" onClick={() => onRepair(repaired)}>
            {t('planning.save')}
          </button>
        )}
        <button
          type="button"
          className="primary"
          onClick={onSave}
          disabled={!preview}
          data-testid="pending-save"
        >
          {t('planning.save')}
        </button>
        <button type="button" onClick={onCancel} data-testid="pending-cancel">
          {t('planning.cancel')}
        </button>
      </div>
    </section>
  );
}
