/**
 * The inspector: the record under the last click, and — when several features lie there — a short list to
 * switch between them. A dock beside the map on a wide screen, a bottom sheet on a phone.
 */
import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickCandidate, Selection } from '../../map/pick';
import { Icon } from '../../ui/icons';
import { Panel } from '../../ui/panel';
import { GridCard } from '../grids/grid-card';
import { PatrolCard } from '../patrols/patrol-card';
import { registryHash } from '../registry/registry-hash';
import { SampleCard } from '../sampling/sample-card';
import { SoilCard } from '../soil/soil-card';
import { SubjectCard } from '../subjects/subject-card';
import './inspector.css';

export interface InspectorProps {
  selection: Selection;
  candidates: PickCandidate[];
  onSelect: (selection: Selection) => void;
  onClose: () => void;
}

function Card({
  selection,
  onSelect,
}: {
  selection: Selection;
  onSelect: (s: Selection) => void;
}): ReactElement {
  const { t } = useTranslation();
  switch (selection.kind) {
    case 'grid':
      return <GridCard id={selection.id} onSelect={onSelect} />;
    case 'subject':
      return (
        <>
          {/* First, so it is in view without scrolling through the card (also in a phone's sheet). */}
          <p className="inspector__actions">
            <a className="inspector__action" href={registryHash(selection.id)} data-testid="open-in-registry">
              {t('inspector.openInRegistry')}
              <Icon name="chevron" size={16} />
            </a>
          </p>
          <SubjectCard id={selection.id} onSelect={onSelect} />
        </>
      );
    case 'sample':
      return <SampleCard id={selection.id} onSelect={onSelect} />;
    case 'soil':
      return <SoilCard id={selection.id} onSelect={onSelect} />;
    case 'patrol':
      return <PatrolCard id={selection.id} onSelect={onSelect} />;
  }
}

function candidateKind(candidate: PickCandidate, t: TFunction): string {
  // Literal keys: a template-literal key makes TypeScript expand every message key (TS2589).
  switch (candidate.kind) {
    case 'subject':
      return t('inspector.kind.subject');
    case 'sample':
      return t('inspector.kind.sample');
    case 'soil':
      return t('inspector.kind.soil');
    case 'patrol':
      return t('inspector.kind.patrol');
    case 'grid':
      break;
  }
  const level = candidate.source.replace('grids-', '');
  if (level === 'county') return t('enums.gridLevel.county');
  if (level === 'township') return t('enums.gridLevel.township');
  return t('enums.gridLevel.village');
}

function Candidates({ candidates, selection, onSelect }: Omit<InspectorProps, 'onClose'>): ReactElement {
  const { t } = useTranslation();
  return (
    <nav className="candidates" aria-label={t('inspector.here', { count: candidates.length })}>
      <p className="candidates__caption">{t('inspector.here', { count: candidates.length })}</p>
      <ul>
        {candidates.map((candidate) => {
          const current = candidate.kind === selection.kind && candidate.id === selection.id;
          return (
            <li key={`${candidate.kind}:${candidate.id}`}>
              <button
                type="button"
                className="candidates__item"
                aria-current={current ? 'true' : undefined}
                onClick={() => onSelect(candidate)}
              >
                <span className="candidates__kind">{candidateKind(candidate, t)}</span>
                <span className="candidates__name">{candidate.name ?? `#${candidate.id}`}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function Inspector({ selection, candidates, onSelect, onClose }: InspectorProps): ReactElement {
  const { t } = useTranslation();
  const listed = candidates.some((c) => c.kind === selection.kind && c.id === selection.id);
  return (
    <Panel
      id="inspector"
      className="inspector"
      title={t(`inspector.kind.${selection.kind}`)}
      closeLabel={t('inspector.close')}
      onClose={onClose}
    >
      {listed && candidates.length > 1 && (
        <Candidates candidates={candidates} selection={selection} onSelect={onSelect} />
      )}
      <Card key={`${selection.kind}:${selection.id}`} selection={selection} onSelect={onSelect} />
    </Panel>
  );
}
