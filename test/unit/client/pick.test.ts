import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES, type PickInput, rankCandidates } from '../../../client/src/map/pick';

const feature = (
  source: string,
  id: number | string | undefined,
  properties: Record<string, unknown> = {},
  distance = 0,
): PickInput => ({
  source,
  id,
  properties,
  distance,
});

describe('click priority', () => {
  it('prefers a point over a base, a base over a village and a village over a township and the county', () => {
    const ranked = rankCandidates([
      feature('grids-county', 1, { name: '示范县' }),
      feature('grids-township', 2, { name: '东镇' }),
      feature('grids-village', 3, { name: '一村' }),
      feature('subject-bases', 40, { name: '绿源合作社' }),
      feature('samples', 500, { commodity: '豇豆', sampled_on: '2024-05-03' }, 3),
    ]);
    expect(ranked.map((c) => `${c.kind}:${c.id}`)).toEqual([
      'sample:500',
      'subject:40',
      'grid:3',
      'grid:2',
      'grid:1',
    ]);
  });

  it('takes the nearest of several points first', () => {
    const ranked = rankCandidates([
      feature('subjects', 7, {}, 6),
      feature('samples', 8, {}, 1.5),
      feature('soil-samples', 9, {}, 4),
    ]);
    expect(ranked.map((c) => c.id)).toEqual([8, 9, 7]);
  });

  it('puts a patrol track after points but before areas', () => {
    const ranked = rankCandidates([
      feature('grids-village', 3),
      feature('patrols', 12, { inspector: '张伟' }, 2),
      feature('subjects', 7, {}, 5),
    ]);
    expect(ranked.map((c) => c.kind)).toEqual(['subject', 'patrol', 'grid']);
  });

  it('lists a subject once when both its point and its base are under the click', () => {
    const ranked = rankCandidates([
      feature('subject-bases', 40, { name: 'A' }),
      feature('subjects', 40, { name: 'A' }, 2),
    ]);
    expect(ranked).toHaveLength(1);
    expect(ranked[0]).toMatchObject({ kind: 'subject', id: 40, source: 'subjects' });
  });

  it('lists a polygon cut by tile edges once', () => {
    expect(
      rankCandidates([
        feature('grids-village', 3),
        feature('grids-village', 3),
        feature('grids-village', '3'),
      ]),
    ).toHaveLength(1);
  });

  it('ignores labels, unknown layers and features without a usable id', () => {
    expect(
      rankCandidates([
        feature('grid-labels', 3),
        feature('basemap', 4),
        feature('samples', undefined),
        feature('samples', 'x'),
        feature('samples', -1),
      ]),
    ).toEqual([]);
  });

  it('offers a short list, not everything under a crowded click', () => {
    const many = Array.from({ length: 30 }, (_, i) => feature('samples', i + 1, {}, i));
    expect(rankCandidates(many)).toHaveLength(MAX_CANDIDATES);
  });

  it('names candidates by what a supervisor recognises', () => {
    const [sample, soil, patrol, grid] = rankCandidates([
      feature('samples', 1, { commodity: '豇豆', sampled_on: '2024-05-03' }, 1),
      feature('patrols', 2, { inspector: '张伟', patrolled_on: '2024-04-01' }, 2),
      feature('soil-samples', 3, { code: 'TR-001' }, 1.5),
      feature('grids-village', 4, { name: '一村' }),
    ]);
    expect(sample?.name).toBe('豇豆 · 2024-05-03');
    expect(soil?.name).toBe('TR-001');
    expect(patrol?.name).toBe('张伟 · 2024-04-01');
    expect(grid?.name).toBe('一村');
  });
});
