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
import type { Permission } from '../../../server/contracts/auth';
import type { MapHandle } from '../map/map-handle';

export interface WorkspaceProps {
  county: NonNullable<ClientConfig['county']>;
  map: MapHandle;
  onError: (text: string) => void;
}

export interface WorkspaceDef {
  id: string;
  /** i18n key of its name in the header. */
  labelKey:
    | 'workspaces.map'
    | 'planning.workspace'
    | 'registry.workspace'
    | 'dashboard.workspace'
    | 'analysis.workspace'
    | 'patrolRecord.workspace'
    | 'patrolPlan.workspace'
    | 'soilZones.workspace'
    | 'account.users.workspace'
    | 'account.audit.workspace';
  /** null for the map workspace, whose panels the app shell draws itself. */
  Panel: LazyExoticComponent<ComponentType<WorkspaceProps>> | null;
  /** Shown only to accounts holding this permission (Me.permissions). */
  permission?: Permission;
}

export const WORKSPACES: readonly WorkspaceDef[] = [
  { id: 'map', labelKey: 'workspaces.map', Panel: null },
  {
    id: 'planning',
    labelKey: 'planning.workspace',
    Panel: lazy(() => import('../features/planning/planning-workspace')),
  },
  {
    id: 'registry',
    labelKey: 'registry.workspace',
    Panel: lazy(() => import('../features/registry/registry-workspace')),
  },
  {
    id: 'dashboard',
    labelKey: 'dashboard.workspace',
    Panel: lazy(() => import('../features/dashboard/dashboard-workspace')),
  },
  {
    id: 'analysis',
    labelKey: 'analysis.workspace',
    Panel: lazy(() => import('../features/analysis/analysis-workspace')),
  },
  {
    id: 'patrol-record',
    labelKey: 'patrolRecord.workspace',
    Panel: lazy(() => import('../features/patrols/record-workspace')),
    permission: 'patrols.record',
  },
  {
    id: 'patrol-plan',
    labelKey: 'patrolPlan.workspace',
    Panel: lazy(() => import('../features/patrols/plan-workspace')),
  },
  {
    id: 'soil',
    labelKey: 'soilZones.workspace',
    Panel: lazy(() => import('../features/soil/soil-workspace')),
  },
  {
    id: 'users',
    labelKey: 'account.users.workspace',
    Panel: lazy(() => import('../features/admin/users-workspace')),
    permission: 'users.admin',
  },
  {
    id: 'audit',
    labelKey: 'account.audit.workspace',
    Panel: lazy(() => import('../features/admin/audit-workspace')),
    permission: 'audit.read',
  },
];

export const DEFAULT_WORKSPACE = 'map';

/** The workspace named by a location hash (#/planning), or the default. */
export function workspaceFromHash(hash: string): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return WORKSPACES.some((w) => w.id === id) ? id : DEFAULT_WORKSPACE;
}

/** The workspaces an account may open (those without a permission, and those whose permission it holds). */
export function workspacesFor(permissions: readonly string[] | undefined): readonly WorkspaceDef[] {
  if (!permissions) return WORKSPACES;
  return WORKSPACES.filter((w) => !w.permission || permissions.includes(w.permission));
}
