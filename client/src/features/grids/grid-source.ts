/** The tile layer that draws grids of a level (for highlighting a grid opened from a link). */
import type { GridLevel } from '../../../../server/contracts/enums';
import type { LayerId } from '../../../../server/contracts/layers';

export function gridSource(level: GridLevel): LayerId {
  return `grids-${level}`;
}
