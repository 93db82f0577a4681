import { describe, expect, it } from 'vitest';
import { appReducer, initialState } from '../../../client/src/app/app-state';
import type { PickCandidate } from '../../../client/src/map/pick';

const village: PickCandidate = {
  kind: 'grid',
  id: 3,
  source: 'grids-village',
  name: '一村',
  rank: 3,
  distance: 0,
};
const sample: PickCandidate = {
  kind: 'sample',
  id: 9,
  source: 'samples',
  name: '豇豆',
  rank: 0,
  distance: 1,
};

describe('the UI state', () => {
  it('opens the best candidate of a click and keeps the others for the list', () => {
    const state = appReducer(initialState(), { type: 'picked', candidates: [sample, village] });
    expect(state.selection).toEqual(sample);
    expect(state.candidates).toHaveLength(2);
  });

  it('closes the inspector when a click hits nothing', () => {
    const open = appReducer(initialState(), { type: 'picked', candidates: [village] });
    expect(appReducer(open, { type: 'picked', candidates: [] }).selection).toBeNull();
  });

  it('closes an open phone sheet when the inspector opens', () => {
    const withSheet = appReducer(initialState(), { type: 'sheet', sheet: 'layers' });
    expect(appReducer(withSheet, { type: 'picked', candidates: [village] }).sheet).toBeNull();
  });

  it('shows an error once however often it happens, and at most three errors', () => {
    let state = initialState();
    for (const text of ['a', 'a', 'b', 'c', 'd']) state = appReducer(state, { type: 'error', text });
    expect(state.errors.map((e) => e.text)).toEqual(['b', 'c', 'd']);
  });

  it('keeps saved layer choices over the defaults', () => {
    expect(initialState({ samples: false }).visibility.samples).toBe(false);
    expect(initialState({ samples: false }).visibility.village).toBe(true);
  });
});
