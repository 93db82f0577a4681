/**
 * Edits the target of the chosen indicator (PUT /api/indicators/targets with the row's version): a stale version
 * or a missing permission comes back as the server's message in the user's language.
 */
import { type FormEvent, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorTarget } from '../../../../server/contracts/indicators';
import { isShare } from './format';
import { useLang } from '../../app/use-lang';
import { dashboardApi } from './api';

export function TargetForm({
  target,
  onSaved,
  onError,
}: {
  target: IndicatorTarget;
  onSaved: () => void;
  onError: (error: unknown) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  // Shares are edited in per cent; ratios and counts (cases a year, overdue rectifications) as they are.
  const scale = isShare(target.indicator) ? 100 : 1;
  const [text, setText] = useState(String(Math.round(target.target * scale * 10) / 10));
  const [done, setDone] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    dashboardApi
      .saveTarget(
        { indicator: target.indicator, target: Number(text) / scale, version: target.version },
        { lang },
      )
      .then(() => {
        setDone(true);
        onSaved();
      })
      .catch(onError);
  };
  return (
    <details className="dashboard__target" data-testid="target-form">
      <summary>{t('dashboard.editTarget')}</summary>
      <form onSubmit={submit}>
        <label>
          {scale === 100 ? t('dashboard.targetPercent') : t('dashboard.targetNumber')}
          <input
            type="number"
            min={0}
            max={1000}
            step={0.1}
            required
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit">{t('dashboard.save')}</button>
        {done && <span role="status">{t('dashboard.saved')}</span>}
      </form>
      <small>{target.source}</small>
    </details>
  );
}
