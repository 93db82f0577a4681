/**
 * The app's UI state: which layers are on, what the inspector shows, which phone sheet is open and the errors
 * on screen. A reducer of plain data, so the rules (one sheet at a time, no duplicate errors) are easy to see.
 */
import { defaultVisibility, TOGGLE_IDS, type ToggleId } from '../map/catalog';
import type { PickCandidate, Selection } from '../map/pick';

export type Sheet = 'layers' | 'legend' | null;

export interface AppState {
  visibility: Record<ToggleId, boolean>;
  /** Everything under the last click, best first; the inspector lists them. */
  candidates: PickCandidate[];
  selection: Selection | null;
  sheet: Sheet;
  errors: { id: number; text: string }[];
}

export type AppAction =
  | { type: 'toggle'; id: ToggleId; visible: boolean }
  | { type: 'picked'; candidates: PickCandidate[] }
  | { type: 'select'; selection: Selection }
  | { type: 'closeInspector' }
  | { type: 'sheet'; sheet: Sheet }
  | { type: 'error'; text: string }
  | { type: 'dismissError'; id: number };

const MAX_ERRORS = 3;
let nextErrorId = 1;

export function initialState(savedVisibility: Partial<Record<ToggleId, boolean>> = {}): AppState {
  return {
    visibility: { ...defaultVisibility(), ...savedVisibility },
    candidates: [],
    selection: null,
    sheet: null,
    errors: [],
  };
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'toggle':
      return { ...state, visibility: { ...state.visibility, [action.id]: action.visible } };
    case 'picked': {
      const first = action.candidates[0];
      if (!first) return { ...state, candidates: [], selection: null };
      // The inspector takes the screen on a phone, so any open sheet gives way to it.
      return { ...state, candidates: action.candidates, selection: first, sheet: null };
    }
    case 'select':
      return { ...state, selection: action.selection, sheet: null };
    case 'closeInspector':
      return { ...state, candidates: [], selection: null };
    case 'sheet':
      return { ...state, sheet: action.sheet };
    case 'error':
      if (state.errors.some((error) => error.text === action.text)) return state;
      return {
        ...state,
        errors: [...state.errors, { id: nextErrorId++, text: action.text }].slice(-MAX_ERRORS),
      };
    case 'dismissError':
      return { ...state, errors: state.errors.filter((error) => error.id !== action.id) };
  }
}

const VISIBILITY_KEY = 'nongan.layers';

export function loadVisibility(): Partial<Record<ToggleId, boolean>> {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(VISIBILITY_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const entries = Object.entries(parsed).filter(
      (entry): entry is [ToggleId, boolean] =>
        (TOGGLE_IDS as readonly string[]).includes(entry[0]) && typeof entry[1] === 'boolean',
    );
    return Object.fromEntries(entries);
  } catch {
    return {};
  }
}

export function saveVisibility(visibility: Record<ToggleId, boolean>): void {
  try {
    window.localStorage.setItem(VISIBILITY_KEY, JSON.stringify(visibility));
  } catch {
    // Blocked storage only means the layer choice is not remembered.
  }
}
