/**
 * The workspaces of the app: each is a way of working on the same map — the default "一张图 / Map" (layers,
 * legend, inspector) and later ones (grid planning, residue analysis, soil zones, patrols …) with their own side
 * panel, map overlays and tools. The header lists them (tabs on a desktop, a menu on a phone); the URL hash
 * (#/planning) names the open one so it survives a reload and can be linked.
 *
 * To add a workspace: a component under features/<f>/ (props: WorkspaceProps), its messages bundle
 * (features/<f>/messages.ts, listed in app/i18n/bundles.ts), and one entry here. See docs/client.md.
 */
import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import type { ClientConfig } from '../../../server/contracts/api';
import type { MapHandle } from '../map/map-handle';

export interface WorkspaceProps {
  county: NonNullable<ClientConfig['county']>;
  map: MapHandle;
  onError: (text: string) => void;
}

export interface WorkspaceDef {
  id: string;
  /** i18n key of its name in the header. */
  labelKey: 'workspaces.map' | 'planning.workspace';
  /** null for the map workspace, whose panels the app shell draws itself. */
  Panel: LazyExoticComponent<ComponentType<WorkspaceProps>> | null;
}

export const WORKSPACES: readonly WorkspaceDef[] = [
  { id: 'map', labelKey: 'workspaces.map', Panel: null },
  {
    id: 'planning',
    labelKey: 'planning.workspace',
    Panel: lazy(() => import('../features/planning/planning-workspace')),
  },
];

export const DEFAULT_WORKSPACE = 'map';

/** The workspace named by a location hash (#/planning), or the default. */
export function workspaceFromHash(hash: string): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return WORKSPACES.some((w) => w.id === id) ? id : DEFAULT_WORKSPACE;
}
