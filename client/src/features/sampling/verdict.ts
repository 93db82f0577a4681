/** Badge tone of a verdict: failures red, suspected positives amber, passes green, pending neutral. */
import type { SampleVerdict } from '../../../../server/contracts/enums';
import type { Tone } from '../../ui/badge';

export const VERDICT_TONE: Record<SampleVerdict, Tone> = {
  fail: 'bad',
  suspected: 'warn',
  pass: 'good',
  pending: 'neutral',
};
