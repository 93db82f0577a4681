/**
 * Key supervision list (重点监管名录) membership, from the Changji plan's annex 1, art. 4: subjects of high risk or
 * low credit belong on it. The thresholds are configuration (registry_setting key_list_rule), not code.
 */

export interface KeyListRule {
  /** Credit classes that put a subject on the list (default: C, the blacklist). */
  creditClasses: string[];
  /** Failed samples within the window that make a subject high-risk (0 disables the risk criterion). */
  failedSamples: number;
  withinMonths: number;
}

export const DEFAULT_KEY_LIST_RULE: KeyListRule = {
  creditClasses: ['C'],
  failedSamples: 2,
  withinMonths: 12,
};

export type KeyListReason =
  | { kind: 'credit_class'; creditClass: string }
  | { kind: 'failed_samples'; count: number; withinMonths: number };

/** Why the rule requires the subject on the key list (empty: the rule does not require it; the user may still). */
export function keyListReasons(
  subject: { creditClass: string | null; failedSamplesInWindow: number },
  rule: KeyListRule,
): KeyListReason[] {
  const reasons: KeyListReason[] = [];
  if (subject.creditClass !== null && rule.creditClasses.includes(subject.creditClass)) {
    reasons.push({ kind: 'credit_class', creditClass: subject.creditClass });
  }
  if (rule.failedSamples > 0 && subject.failedSamplesInWindow >= rule.failedSamples) {
    reasons.push({
      kind: 'failed_samples',
      count: subject.failedSamplesInWindow,
      withinMonths: rule.withinMonths,
    });
  }
  return reasons;
}

export function describeKeyListReason(reason: KeyListReason): { zh: string; en: string } {
  return reason.kind === 'credit_class'
    ? { zh: `信用等级为 ${reason.creditClass} 类`, en: `credit class ${reason.creditClass}` }
    : {
        zh: `近 ${reason.withinMonths} 个月有 ${reason.count} 批次抽检不合格`,
        en: `${reason.count} failed samples in the last ${reason.withinMonths} months`,
      };
}
