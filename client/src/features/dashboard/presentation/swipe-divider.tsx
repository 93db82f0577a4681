/**
 * The draggable divider of the swipe comparison: a vertical bar over two stacked maps, the right one clipped at
 * the bar. Dragged with a mouse, a finger or a pen (pointer capture), or moved with the arrow keys when focused
 * (role slider). A small own component: MapLibre compare plugins are not maintained on npm (docs/decisions.md).
 */
import type { KeyboardEvent, PointerEvent, ReactElement } from 'react';

export interface SwipeDividerProps {
  /** Position of the divider, 0 (left edge) – 1 (right edge). */
  value: number;
  onChange: (value: number) => void;
  label: string;
}

const clamp = (v: number) => Math.min(0.98, Math.max(0.02, v));

export function SwipeDivider({ value, onChange, label }: SwipeDividerProps): ReactElement {
  const moveTo = (event: PointerEvent<HTMLDivElement>) => {
    const stage = event.currentTarget.parentElement;
    if (!stage) return;
    const rect = stage.getBoundingClientRect();
    if (rect.width > 0) onChange(clamp((event.clientX - rect.left) / rect.width));
  };
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') onChange(clamp(value - step));
    else if (event.key === 'ArrowRight' || event.key === 'ArrowUp') onChange(clamp(value + step));
    else if (event.key === 'Home') onChange(clamp(0));
    else if (event.key === 'End') onChange(clamp(1));
    else return;
    event.preventDefault();
  };
  return (
    <div
      className="pres-divider"
      data-testid="swipe-divider"
      data-own-keys=""
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-orientation="horizontal"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(value * 100)}
      style={{ left: `${value * 100}%` }}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        event.preventDefault();
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event);
      }}
      onKeyDown={onKey}
    >
      <span className="pres-divider__handle" aria-hidden="true">
        ⟨ ⟩
      </span>
    </div>
  );
}
