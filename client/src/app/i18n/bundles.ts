/**
 * Message bundles of the workspaces and features, each in its own file next to its code (so two people adding
 * workspaces never edit the same message file). Each bundle lives under its namespace key: t('planning.draw').
 * To add one: export `{ namespace, 'zh-CN', en }` from features/<f>/messages.ts and list it here.
 */
import { planningMessages } from '../../features/planning/messages';
import { importsMessages } from '../../features/imports/messages';
import { registryMessages } from '../../features/registry/messages';
import { gridExchangeMessages } from '../../features/planning/exchange-messages';
import { accountMessages } from '../../features/auth/messages';
import { patrolRecordMessages } from '../../features/patrols/record-messages';
import { dashboardMessages } from '../../features/dashboard/messages';
import { printMessages } from '../../features/dashboard/print-messages';
import { patrolPlanMessages } from '../../features/patrols/plan-messages';
import { analysisMessages } from '../../features/analysis/messages';
import { soilZonesMessages } from '../../features/soil/messages';
import { viewsMessages } from '../../features/views/messages';

export const MESSAGE_BUNDLES = [
  planningMessages,
  importsMessages,
  registryMessages,
  gridExchangeMessages,
  accountMessages,
  patrolRecordMessages,
  dashboardMessages,
  printMessages,
  analysisMessages,
  patrolPlanMessages,
  soilZonesMessages,
  viewsMessages,
] as const;

/** The keys the bundles add to the core messages (for typed t()). */
export interface BundleMessages {
  planning: (typeof planningMessages)['zh-CN'];
  imports: (typeof importsMessages)['zh-CN'];
  registry: (typeof registryMessages)['zh-CN'];
  gridExchange: (typeof gridExchangeMessages)['zh-CN'];
  account: (typeof accountMessages)['zh-CN'];
  patrolRecord: (typeof patrolRecordMessages)['zh-CN'];
  dashboard: (typeof dashboardMessages)['zh-CN'];
  print: (typeof printMessages)['zh-CN'];
  analysis: (typeof analysisMessages)['zh-CN'];
  patrolPlan: (typeof patrolPlanMessages)['zh-CN'];
  soilZones: (typeof soilZonesMessages)['zh-CN'];
  views: (typeof viewsMessages)['zh-CN'];
}
