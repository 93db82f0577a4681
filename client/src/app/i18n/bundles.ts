/**
 * Message bundles of the workspaces and features, each in its own file next to its code (so two people adding
 * workspaces never edit the same message file). Each bundle lives under its namespace key: t('planning.draw').
 * To add one: export `{ namespace, 'zh-CN', en }` from features/<f>/messages.ts and list it here.
 */
import { planningMessages } from '../../features/planning/messages';

export const MESSAGE_BUNDLES = [planningMessages] as const;

/** The keys the bundles add to the core messages (for typed t()). */
export interface BundleMessages {
  planning: (typeof planningMessages)['zh-CN'];
}
