/**
 * The grid-planning workspace (网格规划): pick the parent to edit inside, see its children and how completely they
 * cover it, draw / split / merge with a preview of what the save does (problems drawn in red, subjects that move),
 * save, undo/redo the session's saves (as reverts), look back "as of" a date, revert any change, print the poster.
 */
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ChildrenResponse,
  EditResult,
  HistoryEntry,
  ParentTopology,
  TopologyProblem,
} from '../../../../server/contracts/grids';
import type { GridSummary } from '../../../../server/contracts/api';
import { ApiError } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { WorkspaceProps } from '../../app/workspaces';
import { ringsOf } from '../../map/draw/snap';
import { type EditBody, planningApi } from './api';
import { PendingCard, type Pending } from './pending-card';
import { useCan } from '../auth/session';
import { GridExchange } from './grid-exchange';
import './planning.css';

type Mode = 'idle' | 'draw' | 'split' | 'merge';

function bboxOf(geometry: { coordinates: unknown }): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    } else if (Array.isArray(value)) value.forEach(walk);
  };
  walk(geometry.coordinates);
  return [w, s, e, n];
}

function problemFeatures(problems: TopologyProblem[], label: (p: TopologyProblem) => string) {
  return {
    type: 'FeatureCollection' as const,
    features: problems
      .filter((p) => p.geometry)
      .map((p, i) => ({
        type: 'Feature' as const,
        id: i,
        geometry: p.geometry,
        properties: { id: i, kind: p.kind, label: label(p) },
      })),
  };
}

export default function PlanningWorkspace({ county, map, onError }: WorkspaceProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const [parents, setParents] = useState<GridSummary[]>([]);
  const [parentId, setParentId] = useState<number | null>(null);
  const [children, setChildren] = useState<ChildrenResponse | null>(null);
  const [topology, setTopology] = useState<ParentTopology | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [mode, setMode] = useState<Mode>('idle');
  const [pending, setPending] = useState<Pending | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [undo, setUndo] = useState<number[]>([]);
  const [redo, setRedo] = useState<number[]>([]);
  const [asOf, setAsOf] = useState<string>('');
  const [refresh, setRefresh] = useState(0);

  const fail = useCallback((error: unknown) => onError(describeError(error, t)), [onError, t]);

  useEffect(() => {
    planningApi
      .grids({ level: 'township', parentId: county.id }, options)
      .then((townships) => {
        setParents(townships);
        setParentId((current) => current ?? townships[0]?.id ?? county.id);
      })
      .catch(fail);
  }, [county.id, options, fail]);

  useEffect(() => {
    if (parentId === null) return;
    let live = true;
    Promise.all([
      planningApi.children(parentId, asOf || null, options),
      planningApi.topology(parentId, options),
      planningApi.history(parentId, options),
    ])
      .then(([c, topo, h]) => {
        if (!live) return;
        setChildren(c);
        setTopology(topo);
        setHistory(h);
      })
      .catch(fail);
    return () => {
      live = false;
    };
  }, [parentId, asOf, refresh, options, fail]);

  // The map shows the parent's children, the problems, the moves of the pending edit and the selection.
  useEffect(() => {
    map.setBaseLayersMuted(true);
    return () => {
      map.setBaseLayersMuted(false);
      map.cancelDraw();
      for (const [id, preset] of [
        ['planning-grids', 'planning-grids'],
        ['planning-problems', 'problems'],
        ['planning-moves', 'moves'],
        ['planning-selection', 'selection'],
      ] as const)
        map.setOverlay(id, preset, null);
      map.onOverlayClick('planning-grids', null);
    };
  }, [map]);

  useEffect(() => {
    if (children) map.fitBounds(bboxOf(children.parent.geometry));
  }, [map, children?.parent.id]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const features = (pending?.preview?.grids ?? children?.features ?? []).map((f, index) => ({
      ...f,
      properties: { ...f.properties, index },
    }));
    map.setOverlay('planning-grids', 'planning-grids', { type: 'FeatureCollection', features });
    const problems = pending?.problems ?? pending?.preview?.topology.problems ?? topology?.problems ?? [];
    map.setOverlay(
      'planning-problems',
      'problems',
      problemFeatures(
        problems,
        (p) =>
          `${t(`planning.${p.kind}`)} ${t('planning.problemArea', { m2: p.area.m2.toLocaleString(), mu: p.area.mu })}`,
      ),
    );
    map.setOverlay('planning-moves', 'moves', {
      type: 'FeatureCollection',
      features: (pending?.preview?.moves ?? []).map((m) => ({
        type: 'Feature',
        id: m.id,
        geometry: { type: 'Point', coordinates: m.at },
        properties: { id: m.id, name: m.name },
      })),
    });
    const chosen = features.filter((f) => f.id === selected);
    map.setOverlay('planning-selection', 'selection', { type: 'FeatureCollection', features: chosen });
  }, [map, children, topology, pending, selected, t]);

  const grids = useMemo(() => children?.features ?? [], [children]);
  // Past states are read-only, and so is everything for accounts without grids.edit (issue 9).
  const canEditGrids = useCan('grids.edit');
  const readOnly = Boolean(asOf) || !canEditGrids;

  const run = useCallback(
    async (edit: EditBody, name?: string) => {
      setStatus(null);
      try {
        const preview = await planningApi.preview(edit, options);
        setPending({ edit, name, preview, problems: null, message: null });
      } catch (error) {
        if (error instanceof ApiError && error.fromServer) {
          const details = error.details as { problems?: TopologyProblem[] } | undefined;
          setPending({
            edit,
            name,
            preview: null,
            problems: details?.problems ?? null,
            message: error.message,
            code: error.code,
          });
        } else fail(error);
      }
    },
    [options, fail],
  );

  useEffect(() => {
    map.onOverlayClick('planning-grids', (ids) => {
      const id = Number(ids[0]);
      if (mode === 'merge' && selected !== null && id !== selected) {
        const a = grids.find((g) => g.id === selected);
        const b = grids.find((g) => g.id === id);
        setMode('idle');
        if (a && b)
          void run({
            op: 'merge',
            grids: [
              { id: a.id, version: a.properties.version },
              { id: b.id, version: b.properties.version },
            ],
          });
        return;
      }
      setSelected(id);
    });
  }, [map, mode, selected, grids, run]);

  const snapTo = () => ({
    rings: ringsOf([...(children ? [children.parent.geometry] : []), ...grids.map((g) => g.geometry)]),
  });

  const startDraw = () => {
    if (parentId === null) return;
    setMode('draw');
    setPending(null);
    map.draw('polygon', snapTo(), (geometry) => {
      setMode('idle');
      const name = `${t('planning.newName')}${grids.length + 1}`;
      void run({ op: 'create', parentId, name, geometry: geometry as never }, name);
    });
  };

  const startSplit = () => {
    const grid = grids.find((g) => g.id === selected);
    if (!grid) return setStatus(t('planning.selectFirst'));
    setMode('split');
    setPending(null);
    map.draw('line', snapTo(), (line) => {
      setMode('idle');
      void run({ op: 'split', id: grid.id, version: grid.properties.version, line: line as never });
    });
  };

  const startMerge = () => {
    if (selected === null) return setStatus(t('planning.selectFirst'));
    setMode('merge');
    setPending(null);
  };

  const cancel = () => {
    map.cancelDraw();
    setMode('idle');
    setPending(null);
  };

  const afterSave = (result: EditResult) => {
    setPending(null);
    setStatus(t('planning.saved', { id: result.changeId }));
    setRefresh((n) => n + 1);
  };

  const save = async (edit: EditBody) => {
    try {
      const result = await planningApi.save(edit, options);
      if (result.changeId !== null) setUndo((stack) => [...stack, result.changeId as number]);
      setRedo([]);
      setSelected(null);
      afterSave(result);
    } catch (error) {
      if (error instanceof ApiError && error.fromServer)
        setPending((p) => p && { ...p, message: error.message, preview: null, code: error.code });
      else fail(error);
    }
  };

  const revert = async (changeId: number, stack: 'undo' | 'redo' | null) => {
    try {
      const result = await planningApi.revert(changeId, options);
      const id = result.changeId as number;
      if (stack === 'undo') {
        setUndo((s) => s.slice(0, -1));
        setRedo((s) => [...s, id]);
      } else if (stack === 'redo') {
        setRedo((s) => s.slice(0, -1));
        setUndo((s) => [...s, id]);
      } else setUndo((s) => [...s, id]);
      afterSave(result);
    } catch (error) {
      if (error instanceof ApiError && error.fromServer) setStatus(error.message);
      else fail(error);
    }
  };

  const changes = useMemo(() => {
    const seen = new Map<number, HistoryEntry>();
    for (const entry of history)
      if (entry.changeId !== 0 && !seen.has(entry.changeId)) seen.set(entry.changeId, entry);
    return [...seen.values()].slice(0, 12);
  }, [history]);

  const selectedGrid = grids.find((g) => g.id === selected);

  return (
    <div className="planning" data-testid="planning">
      <section className="planning__section">
        <label className="planning__field">
          <span>{t('planning.parent')}</span>
          <select
            value={parentId ?? ''}
            onChange={(event) => {
              cancel();
              setSelected(null);
              setParentId(Number(event.target.value));
            }}
            data-testid="planning-parent"
          >
            <option value={county.id}>{`${county.name} · ${t('planning.county')}`}</option>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {topology && (
          <div
            className={`coverage ${topology.coveragePct === 100 && !topology.problems.length ? 'coverage--ok' : 'coverage--bad'}`}
            data-testid="coverage"
          >
            <span>{t('planning.coverage')}</span>
            <strong>{t('planning.coverageValue', { pct: topology.coveragePct })}</strong>
            {topology.problems.length === 0 ? (
              <small>{t('planning.noProblems')}</small>
            ) : (
              <ul>
                {topology.problems.slice(0, 6).map((p, i) => (
                  <li key={i}>
                    {t(`planning.${p.kind}`)} {p.names.join(' / ')}{' '}
                    {t('planning.problemArea', { m2: p.area.m2.toLocaleString(), mu: p.area.mu })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>

      <section className="planning__section planning__tools" aria-label={t('planning.tools')}>
        <button
          type="button"
          onClick={startDraw}
          disabled={readOnly || mode !== 'idle'}
          data-testid="tool-draw"
        >
          {t('planning.draw')}
        </button>
        <button
          type="button"
          onClick={startSplit}
          disabled={readOnly || mode !== 'idle'}
          data-testid="tool-split"
        >
          {t('planning.split')}
        </button>
        <button
          type="button"
          onClick={startMerge}
          disabled={readOnly || mode !== 'idle'}
          data-testid="tool-merge"
        >
          {t('planning.merge')}
        </button>
        <button
          type="button"
          onClick={() => void revert(undo[undo.length - 1] as number, 'undo')}
          disabled={!undo.length || readOnly}
          data-testid="tool-undo"
        >
          {t('planning.undo')}
        </button>
        <button
          type="button"
          onClick={() => void revert(redo[redo.length - 1] as number, 'redo')}
          disabled={!redo.length || readOnly}
          data-testid="tool-redo"
        >
          {t('planning.redo')}
        </button>
        {mode !== 'idle' && (
          <button type="button" onClick={cancel} data-testid="tool-cancel">
            {t('planning.cancel')}
          </button>
        )}
      </section>
      {mode === 'draw' && <p className="planning__hint">{t('planning.drawHint')}</p>}
      {mode === 'split' && <p className="planning__hint">{t('planning.splitHint')}</p>}
      {mode === 'merge' && (
        <p className="planning__hint">
          {t('planning.mergeHint', { name: selectedGrid?.properties.name ?? '' })}
        </p>
      )}
      {status && (
        <p className="planning__status" role="status" data-testid="planning-status">
          {status}
        </p>
      )}

      {pending && (
        <PendingCard
          pending={pending}
          onName={(name) => setPending({ ...pending, name, edit: { ...pending.edit, name } as EditBody })}
          onCarve={() => void run({ ...pending.edit, overlap: 'carve' } as EditBody, pending.name)}
          onSave={() => void save(pending.edit)}
          onCancel={cancel}
          onRepair={(geometry) => void run({ ...pending.edit, geometry } as EditBody, pending.name)}
        />
      )}

      <section className="planning__section">
        <h3>
          {t('planning.children')} ({grids.length})
        </h3>
        {asOf && <p className="planning__hint">{t('planning.asOfShown', { date: asOf })}</p>}
        <ul className="grid-list" data-testid="grid-list">
          {grids.map((g) => (
            <li key={g.id}>
              <button
                type="button"
                className={`grid-list__item ${g.id === selected ? 'grid-list__item--selected' : ''}`}
                onClick={() => setSelected(g.id)}
                data-grid-id={g.id}
              >
                <span className="grid-list__name">{g.properties.name}</span>
                <span className="grid-list__code">{g.properties.code}</span>
                <span className={g.properties.staffed ? 'tag tag--ok' : 'tag tag--bad'}>
                  {g.properties.staffed ? t('planning.staffed') : t('planning.unstaffed')}
                </span>
                <span className="grid-list__meta">
                  {t('planning.subjects', { count: g.properties.subjectCount })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>

      {parentId !== null && (
        <GridExchange
          parentId={parentId}
          map={map}
          lang={lang}
          readOnly={Boolean(asOf)}
          onChanged={() => setRefresh((n) => n + 1)}
          onError={fail}
        />
      )}

      <section className="planning__section">
        <h3>{t('planning.poster')}</h3>
        <div className="planning__tools">
          {parentId !== null &&
            (
              [
                ['pdf', 'A3', 'landscape'],
                ['pdf', 'A4', 'portrait'],
                ['png', 'A3', 'landscape'],
              ] as const
            ).map(([format, size, orientation]) => (
              <a
                key={`${format}-${size}-${orientation}`}
                className="button-link"
                href={planningApi.posterUrl(parentId, format, size, orientation)}
                target="_blank"
                rel="noreferrer"
                data-testid={`poster-${format}-${size}-${orientation}`}
              >
                {`${t(format === 'pdf' ? 'planning.posterPdf' : 'planning.posterPng')} ${size}`}
              </a>
            ))}
        </div>
      </section>

      <section className="planning__section">
        <h3>{t('planning.history')}</h3>
        <label className="planning__field">
          <span>{t('planning.asOf')}</span>
          <input
            type="date"
            value={asOf}
            onChange={(event) => setAsOf(event.target.value)}
            data-testid="as-of"
          />
        </label>
        <ul className="history-list" data-testid="history">
          {changes.map((c) => (
            <li key={c.changeId}>
              <span>
                <strong>
                  {c.note
                    ? (t(`planning.op.${c.note.split(' ')[0] as 'create'}`, {
                        defaultValue: c.note,
                      }) as string)
                    : c.op}
                </strong>{' '}
                {c.label}
              </span>
              <small>
                {c.by} · {c.at.slice(0, 16).replace('T', ' ')}
              </small>
              <button
                type="button"
                onClick={() => void revert(c.changeId, null)}
                disabled={readOnly}
                data-change={c.changeId}
              >
                {t('planning.revert')}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
