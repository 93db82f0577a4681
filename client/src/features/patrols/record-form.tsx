/**
 * The patrol record form on a phone: the seven checks of annex 1 (big OK / problem / N/A buttons, a note for a
 * problem), notes, photos from the camera, the outcome with a deadline, an optional on-site sample, and the GPS
 * position with a track recorded while the form is open. Saving puts the record in the phone's queue.
 */
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHECK_STATUSES,
  PATROL_CHECKS,
  type CheckStatus,
  type PatrolCheck,
} from '../../../../server/contracts/enums';
import {
  PATROL_RECORD_LIMITS,
  type PatrolRecordInput,
  type TodaySubject,
} from '../../../../server/contracts/patrol-records';
import type { QueuedPhoto, QueuedRecord } from './record-queue';

type Outcome = 'compliant' | 'rectify' | 'refer';
interface Fix {
  lon: number;
  lat: number;
  at: string;
}

const MAX_FIXES = PATROL_RECORD_LIMITS.trackFixes;

export function RecordForm({
  subject,
  gridId,
  inspectorName,
  onSave,
  onBack,
}: {
  subject: TodaySubject;
  gridId: number;
  inspectorName: string;
  onSave: (item: QueuedRecord) => Promise<void>;
  onBack: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const [startedAt] = useState(() => new Date().toISOString());
  const [answers, setAnswers] = useState<Partial<Record<PatrolCheck, CheckStatus>>>({});
  const [checkNotes, setCheckNotes] = useState<Partial<Record<PatrolCheck, string>>>({});
  const [notes, setNotes] = useState('');
  const [photos, setPhotos] = useState<QueuedPhoto[]>([]);
  const [outcome, setOutcome] = useState<Outcome>('compliant');
  const [deadline, setDeadline] = useState('');
  const [withSample, setWithSample] = useState(false);
  const [sampleCode, setSampleCode] = useState('');
  const [commodity, setCommodity] = useState('');
  const [position, setPosition] = useState<{ lon: number; lat: number; accuracyM: number } | null>(null);
  const [fixes, setFixes] = useState<Fix[]>([]);
  const [gpsError, setGpsError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const supported = 'geolocation' in navigator;
  // Locating starts with the form, records the track while it is on, and stops with the form.
  const [tracking, setTracking] = useState(supported);

  useEffect(() => {
    if (!tracking) return;
    const id = navigator.geolocation.watchPosition(
      (p) => {
        const fix = {
          lon: p.coords.longitude,
          lat: p.coords.latitude,
          at: new Date(p.timestamp).toISOString(),
        };
        setPosition({ lon: fix.lon, lat: fix.lat, accuracyM: Math.round(p.coords.accuracy) });
        setFixes((f) => (f.length >= MAX_FIXES || f.at(-1)?.at === fix.at ? f : [...f, fix]));
        setGpsError(null);
      },
      (e) => setGpsError(t('patrolRecord.gpsDenied', { reason: e.message })),
      { enableHighAccuracy: true, maximumAge: 5000, timeout: 30000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [tracking, t]);

  const addPhotos = (files: FileList | null) => {
    if (!files) return;
    const added: QueuedPhoto[] = [];
    for (const file of Array.from(files)) {
      if (file.size > PATROL_RECORD_LIMITS.photoBytes) {
        setProblem(t('patrolRecord.photoTooLarge', { name: file.name }));
        continue;
      }
      added.push({ id: crypto.randomUUID(), blob: file, check: null, uploaded: false });
    }
    setPhotos((p) => [...p, ...added].slice(0, PATROL_RECORD_LIMITS.photosPerRecord));
  };

  const save = async () => {
    if (PATROL_CHECKS.some((c) => !answers[c])) return setProblem(t('patrolRecord.needStatus'));
    if (outcome === 'rectify' && !deadline) return setProblem(t('patrolRecord.needDeadline'));
    if (outcome !== 'compliant' && !PATROL_CHECKS.some((c) => answers[c] === 'problem'))
      return setProblem(t('patrolRecord.needProblem'));
    setProblem(null);
    setSaving(true);
    const checklist = Object.fromEntries(
      PATROL_CHECKS.map((c) => [
        c,
        { status: answers[c] as CheckStatus, note: checkNotes[c]?.trim() || null },
      ]),
    ) as PatrolRecordInput['checklist'];
    const body: PatrolRecordInput = {
      gridId,
      subjectId: subject.id,
      inspectorName,
      patrolledAt: startedAt,
      checklist,
      outcome,
      rectifyDeadline: outcome === 'rectify' ? deadline : null,
      notes: notes.trim() || null,
      position,
      track: fixes,
      sample:
        withSample && sampleCode.trim()
          ? { code: sampleCode.trim(), commodity: commodity.trim(), kind: 'rapid' }
          : null,
    };
    setTracking(false);
    try {
      await onSave({
        clientId: crypto.randomUUID(),
        subjectName: subject.name,
        body,
        photos,
        state: 'pending',
        error: null,
        result: null,
        savedAt: Date.now(),
        attempts: 0,
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="patrol-form" data-testid="patrol-form">
      <button type="button" className="patrol-link" onClick={onBack}>
        ← {t('patrolRecord.back')}
      </button>
      <h3>{subject.name}</h3>

      <section className="patrol-gps" data-testid="patrol-gps">
        <strong>{t('patrolRecord.gps')}</strong>
        <span>
          {position
            ? t('patrolRecord.gpsAt', { accuracy: position.accuracyM, fixes: fixes.length })
            : (gpsError ??
              (supported ? t('patrolRecord.gpsNone') : t('patrolRecord.gpsDenied', { reason: '—' })))}
        </span>
        <button type="button" disabled={!supported} onClick={() => setTracking((on) => !on)}>
          {tracking ? t('patrolRecord.gpsStop') : t('patrolRecord.gpsStart')}
        </button>
      </section>

      <ol className="patrol-checks">
        {PATROL_CHECKS.map((check) => (
          <li key={check} data-testid={`check-${check}`}>
            <div className="patrol-checks__label">{t(`patrolRecord.checks.${check}`)}</div>
            <div className="patrol-choice" role="group" aria-label={t(`patrolRecord.checks.${check}`)}>
              {CHECK_STATUSES.map((status) => (
                <button
                  key={status}
                  type="button"
                  className={`patrol-choice__${status}`}
                  aria-pressed={answers[check] === status}
                  onClick={() => setAnswers((a) => ({ ...a, [check]: status }))}
                >
                  {t(`patrolRecord.status.${status}`)}
                </button>
              ))}
            </div>
            {answers[check] === 'problem' && (
              <input
                type="text"
                aria-label={t('patrolRecord.problemNote')}
                placeholder={t('patrolRecord.problemNote')}
                maxLength={PATROL_RECORD_LIMITS.noteChars}
                value={checkNotes[check] ?? ''}
                onChange={(e) => setCheckNotes((n) => ({ ...n, [check]: e.target.value }))}
              />
            )}
          </li>
        ))}
      </ol>

      <label className="patrol-field">
        {t('patrolRecord.notes')}
        <textarea
          rows={3}
          maxLength={PATROL_RECORD_LIMITS.notesChars}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
      </label>

      <label className="patrol-field">
        {t('patrolRecord.photos')}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          multiple
          data-testid="patrol-photos"
          onChange={(e) => addPhotos(e.target.files)}
        />
        {photos.length > 0 && <span>{t('patrolRecord.photoCount', { count: photos.length })}</span>}
      </label>

      <fieldset className="patrol-field">
        <legend>{t('patrolRecord.outcome')}</legend>
        <div className="patrol-choice patrol-choice--stack">
          {(['compliant', 'rectify', 'refer'] as const).map((o) => (
            <button
              key={o}
              type="button"
              aria-pressed={outcome === o}
              data-testid={`outcome-${o}`}
              onClick={() => setOutcome(o)}
            >
              {t(`patrolRecord.outcomes.${o}`)}
            </button>
          ))}
        </div>
        {outcome === 'rectify' && (
          <label className="patrol-field">
            {t('patrolRecord.deadline')}
            <input
              type="date"
              data-testid="patrol-deadline"
              min={startedAt.slice(0, 10)}
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
            />
          </label>
        )}
      </fieldset>

      <fieldset className="patrol-field">
        <label className="patrol-inline">
          <input type="checkbox" checked={withSample} onChange={(e) => setWithSample(e.target.checked)} />
          {t('patrolRecord.sample')}
        </label>
        {withSample && (
          <>
            <input
              type="text"
              aria-label={t('patrolRecord.sampleCode')}
              placeholder={t('patrolRecord.sampleCode')}
              value={sampleCode}
              onChange={(e) => setSampleCode(e.target.value)}
            />
            <input
              type="text"
              aria-label={t('patrolRecord.commodity')}
              placeholder={t('patrolRecord.commodity')}
              value={commodity}
              onChange={(e) => setCommodity(e.target.value)}
            />
          </>
        )}
      </fieldset>

      {problem && (
        <p className="patrol-problem" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="patrol-primary"
        disabled={saving}
        data-testid="patrol-save"
        onClick={() => void save()}
      >
        {t('patrolRecord.save')}
      </button>
    </div>
  );
}
