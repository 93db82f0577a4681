/**
 * Saved views over the map and the dashboard (issue 8, item 3): a button on the map opens the account's decks;
 * "save current view" captures the workspace, visible layers, camera and — on the dashboard — period, level,
 * indicator and selected grid; a view can be opened again, renamed, moved up or down, deleted, and the deck
 * presented full screen (features/dashboard/presentation). Views are kept on the server, so a deck saved at the
 * desk is there on the meeting-room PC.
 */
import { lazy, type ReactElement, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientConfig } from '../../../../server/contracts/api';
import type { SavedView, ViewStateInput } from '../../../../server/contracts/views';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import { TOGGLE_IDS, type ToggleId } from '../../map/catalog';
import type { MapHandle } from '../../map/map-handle';
import type { TileSources } from '../../map/style/sources';
import { LoadBoundary } from '../../ui/load-boundary';
import { periodLabel } from '../dashboard/presentation/slides';
import { decksOf, viewsApi } from './api';
import { viewBridge } from './view-bridge';
import './views.css';

const Presentation = lazy(() => import('../dashboard/presentation/presentation'));

export interface ViewsDockProps {
  map: MapHandle | null;
  workspace: string;
  visibility: Record<ToggleId, boolean>;
  onToggle: (id: ToggleId, visible: boolean) => void;
  onWorkspace: (id: string) => void;
  config: ClientConfig;
  sources: TileSources;
  onError: (text: string) => void;
}

const NEW_DECK = '\u0000new';
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function ViewsDock(props: ViewsDockProps): ReactElement | null {
  const { map, workspace, visibility, onToggle, onWorkspace, config, sources, onError } = props;
  const { t } = useTranslation();
  const lang = useLang();
  const county = config.county;
  const [open, setOpen] = useState(false);
  const [views, setViews] = useState<SavedView[] | null>(null);
  const [deck, setDeck] = useState<string | null>(null);
  const [newDeck, setNewDeck] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [presenting, setPresenting] = useState<{ views: SavedView[]; start: number } | null>(null);
  const fail = useCallback((error: unknown) => onError(describeError(error, t)), [onError, t]);

  const reload = useCallback(
    () =>
      viewsApi
        .list({ lang })
        .then(setViews)
        .catch((error: unknown) => {
          setViews([]);
          fail(error);
        }),
    [lang, fail],
  );
  useEffect(() => {
    if (open && views === null) void reload();
  }, [open, views, reload]);

  if (!county || (workspace !== 'map' && workspace !== 'dashboard')) return null;

  const decks = views ? decksOf(views) : [];
  const currentDeck = newDeck ?? deck ?? decks[0] ?? t('views.defaultDeck');
  const inDeck = (views ?? []).filter((v) => v.deck === currentDeck);

  const defaultName = (): string => {
    const dash = workspace === 'dashboard' ? viewBridge.current() : null;
    if (dash)
      return `${t(`dashboard.names.${dash.indicator}` as 'dashboard.names.pass_rate')} ${periodLabel(dash.period)}`;
    return `${t('views.mapView')} ${inDeck.length + 1}`;
  };

  const capture = (): ViewStateInput | null => {
    if (!map) return null;
    const dash = workspace === 'dashboard' ? viewBridge.current() : null;
    const camera = map.getCamera();
    const year = new Date().getFullYear() - 1;
    return {
      workspace: dash ? 'dashboard' : 'map',
      layers: TOGGLE_IDS.filter((id) => visibility[id]),
      camera: {
        center: [round(camera.center[0], 6), round(camera.center[1], 6)],
        zoom: round(camera.zoom, 3),
        bearing: round(camera.bearing, 1),
        bounds: camera.bounds.map((v, i) =>
          round(Math.min(Math.max(v, i % 2 ? -90 : -180), i % 2 ? 90 : 180), 6),
        ) as [number, number, number, number],
      },
      period: dash?.period ?? { from: `${year}-01-01`, to: `${year}-12-31` },
      level: dash?.level ?? 'township',
      parentId: dash?.parentId ?? county.id,
      indicator: dash?.indicator ?? 'pass_rate',
      selectedGridId: dash?.selectedGridId ?? null,
      compare: null,
      patrolDay: null,
    };
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    try {
      await work();
    } catch (error) {
      fail(error);
      await reload();
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      const state = capture();
      if (!state) return;
      const title = name.trim() || defaultName();
      const saved = await viewsApi.create({ name: title, deck: currentDeck, state }, { lang });
      setViews((list) => [...(list ?? []), saved]);
      setDeck(saved.deck);
      setNewDeck(null);
      setName('');
      setStatus(t('views.saved', { name: saved.name }));
    });

  const apply = (view: SavedView) => {
    onWorkspace(view.state.workspace);
    for (const id of TOGGLE_IDS)
      if (visibility[id] !== view.state.layers.includes(id)) onToggle(id, !visibility[id]);
    if (view.state.workspace === 'dashboard') viewBridge.apply(view.state);
    else map?.jumpTo(view.state.camera);
  };

  const move = (index: number, by: -1 | 1) =>
    run(async () => {
      const order = [...inDeck];
      const [moved] = order.splice(index, 1);
      order.splice(index + by, 0, moved!);
      const result = await viewsApi.reorder(currentDeck, order, { lang });
      setViews((list) => [...(list ?? []).filter((v) => v.deck !== currentDeck), ...result]);
    });

  const rename = (view: SavedView, to: string) =>
    run(async () => {
      const saved = await viewsApi.update(view.id, { version: view.version, name: to }, { lang });
      setViews((list) => (list ?? []).map((v) => (v.id === saved.id ? saved : v)));
      setRenaming(null);
    });

  const remove = (view: SavedView) => {
    if (!window.confirm(t('views.confirmRemove', { name: view.name }))) return;
    void run(async () => {
      await viewsApi.remove(view, { lang });
      setViews((list) => (list ?? []).filter((v) => v.id !== view.id));
    });
  };

  return (
    <>
      <button
        type="button"
        className="views-dock__open"
        aria-expanded={open}
        aria-controls="views-panel"
        data-testid="views-open"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">▶</span> {t('views.open')}
      </button>
      {open && (
        <section
          id="views-panel"
          className="views-panel"
          aria-label={t('views.title')}
          data-testid="views-panel"
        >
          <header className="views-panel__head">
            <h2>{t('views.title')}</h2>
            <button type="button" onClick={() => setOpen(false)} aria-label={t('views.close')}>
              ×
            </button>
          </header>
          <label className="views-panel__field">
            <span>{t('views.deck')}</span>
            <select
              data-testid="views-deck"
              value={newDeck !== null ? NEW_DECK : currentDeck}
              onChange={(e) => {
                if (e.target.value === NEW_DECK) setNewDeck('');
                else {
                  setNewDeck(null);
                  setDeck(e.target.value);
                }
              }}
            >
              {[...new Set([...decks, currentDeck])]
                .filter((d) => d !== '' && (newDeck === null || d !== newDeck))
                .map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              <option value={NEW_DECK}>{t('views.newDeck')}</option>
            </select>
          </label>
          {newDeck !== null && (
            <label className="views-panel__field">
              <span>{t('views.newDeckName')}</span>
              <input value={newDeck} maxLength={40} onChange={(e) => setNewDeck(e.target.value)} />
            </label>
          )}
          <form
            className="views-panel__save"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label className="views-panel__field">
              <span>{t('views.name')}</span>
              <input
                data-testid="views-name"
                value={name}
                maxLength={80}
                placeholder={defaultName()}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <button
              type="submit"
              className="views-btn views-btn--primary"
              disabled={busy || !map || currentDeck.trim() === ''}
              data-testid="views-save"
            >
              {t('views.save')}
            </button>
          </form>
          {status && (
            <p className="views-panel__status" role="status">
              {status}
            </p>
          )}
          {views === null ? (
            <p>{t('views.loading')}</p>
          ) : inDeck.length === 0 ? (
            <p className="views-panel__empty">{t('views.empty')}</p>
          ) : (
            <ol className="views-list" data-testid="views-list">
              {inDeck.map((v, i) => (
                <li key={v.id} data-testid="views-item">
                  <span className="views-list__n">{i + 1}</span>
                  {renaming?.id === v.id ? (
                    <form
                      className="views-list__rename"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void rename(v, renaming.name);
                      }}
                    >
                      <input
                        aria-label={t('views.renameTo')}
                        value={renaming.name}
                        maxLength={80}
                        autoFocus
                        onChange={(e) => setRenaming({ id: v.id, name: e.target.value })}
                      />
                      <button type="submit" className="views-btn" disabled={busy}>
                        ✓
                      </button>
                    </form>
                  ) : (
                    <button
                      type="button"
                      className="views-list__name"
                      title={t('views.apply', { name: v.name })}
                      onClick={() => apply(v)}
                    >
                      {v.name}
                      <small>{t(`views.kinds.${v.state.workspace}`)}</small>
                    </button>
                  )}
                  <span className="views-list__actions">
                    <button
                      type="button"
                      className="views-btn"
                      disabled={busy || i === 0}
                      onClick={() => void move(i, -1)}
                      aria-label={`${t('views.up')}: ${v.name}`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="views-btn"
                      disabled={busy || i === inDeck.length - 1}
                      onClick={() => void move(i, 1)}
                      aria-label={`${t('views.down')}: ${v.name}`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="views-btn"
                      disabled={busy}
                      onClick={() => setRenaming({ id: v.id, name: v.name })}
                      aria-label={`${t('views.rename')}: ${v.name}`}
                    >
                      ✎
                    </button>
                    <button
                      type="button"
                      className="views-btn"
                      disabled={busy}
                      onClick={() => remove(v)}
                      aria-label={`${t('views.remove')}: ${v.name}`}
                    >
                      ×
                    </button>
                    <button
                      type="button"
                      className="views-btn"
                      onClick={() => setPresenting({ views: inDeck, start: i })}
                      aria-label={`${t('views.presentFrom')}: ${v.name}`}
                    >
                      ▶
                    </button>
                  </span>
                </li>
              ))}
            </ol>
          )}
          <button
            type="button"
            className="views-btn views-btn--primary views-panel__present"
            disabled={inDeck.length === 0}
            data-testid="views-present"
            onClick={() => setPresenting({ views: inDeck, start: 0 })}
          >
            ▶ {t('views.present')}
          </button>
        </section>
      )}
      {presenting && (
        <LoadBoundary message={t('app.presentationFailed')} onDismiss={() => setPresenting(null)}>
          <Suspense fallback={null}>
            <Presentation
              views={presenting.views}
              start={presenting.start}
              config={config}
              sources={sources}
              county={county}
              onClose={() => setPresenting(null)}
              onSaved={(saved) =>
                setViews((list) => (list ?? []).map((v) => (v.id === saved.id ? saved : v)))
              }
            />
          </Suspense>
        </LoadBoundary>
      )}
    </>
  );
}
