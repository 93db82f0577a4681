/**
 * Map legends of the soil workspace: the zone classes with their areas, and a numeric colour ramp (values and unit)
 * for a surface — interpolated value, kriging variance or probability of exceedance. Probabilities always use the
 * fixed domain 0–100 % so that two runs' maps read alike; other surfaces span their own minimum to maximum.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurfaceView, ZoneClass, ZoningRunDetail } from '../../../../server/contracts/soil';
import { useLang } from '../../app/use-lang';
import { formatNumber } from '../../lib/format';
import { ramp, SOIL_CLASS_COLORS } from '../../overlays/soil-zones.layer';
import type { MapLayer } from './run-view';

const CLASSES: ZoneClass[] = ['priority_protection', 'safe_utilisation', 'strict_control', 'no_data'];

/** The value range a surface's colours span: [0, 1] for probabilities, the surface's own range otherwise. */
export function surfaceDomain(layer: MapLayer, view: SurfaceView): [number, number] | null {
  if (layer === 'pScreening' || layer === 'pIntervention') return [0, 1];
  if (view.min === null || view.max === null) return null;
  return [view.min, view.max];
}

/** Digits that tell ticks of this span apart (3 significant digits of the step). */
function digitsFor(span: number): number {
  if (!(span > 0)) return 2;
  return Math.max(0, Math.min(6, 2 - Math.floor(Math.log10(span / 4))));
}

export function ZoneLegend({ run }: { run: ZoningRunDetail }): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <figure className="soil-map-legend" data-testid="zone-legend">
      <figcaption>
        {t('soilZones.legend.classes')} · {run.standard}
      </figcaption>
      <ul className="soil-legend">
        {CLASSES.filter((k) => k !== 'no_data' || (run.classAreas.no_data?.areaMu ?? 0) > 0).map((k) => (
          <li key={k}>
            <span className="soil-swatch" style={{ background: SOIL_CLASS_COLORS[k] }} />
            {t(`soilZones.classes.${k}`)}{' '}
            <span className="soil-note">
              {formatNumber(run.classAreas[k]?.areaMu ?? 0, lang, 0)} {lang === 'en' ? 'mu' : '亩'}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

export function SurfaceLegend({
  layer,
  view,
  run,
}: {
  layer: Exclude<MapLayer, 'zones'>;
  view: SurfaceView;
  run: ZoningRunDetail;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const domain = surfaceDomain(layer, view);
  const probability = layer === 'pScreening' || layer === 'pIntervention';
  const ratio = run.variable === 'ratio';
  const unit = probability
    ? '%'
    : layer === 'variance'
      ? ratio
        ? ''
        : '(mg/kg)²'
      : ratio
        ? t('soilZones.legend.ratio')
        : 'mg/kg';
  const title =
    layer === 'prediction'
      ? `${t(`enums.soilMetal.${run.metal}`)} ${t('soilZones.legend.prediction')}`
      : t(`soilZones.legend.${layer}`);
  const stops = Array.from({ length: 6 }, (_, i) => {
    const [r, g, b, a] = ramp(i / 5);
    return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(2)}) ${i * 20}%`;
  });
  const ticks = domain
    ? Array.from({ length: 5 }, (_, i) => domain[0] + ((domain[1] - domain[0]) * i) / 4)
    : [];
  const digits = domain ? digitsFor(domain[1] - domain[0]) : 2;
  const label = (v: number) => (probability ? formatNumber(v * 100, lang, 0) : formatNumber(v, lang, digits));
  return (
    <figure className="soil-map-legend" data-testid="surface-legend" data-layer={layer}>
      <figcaption>
        {title}
        {unit && ` (${unit})`}
      </figcaption>
      {domain ? (
        <>
          <div
            className="soil-ramp"
            style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }}
          />
          <div className="soil-ramp-ticks" aria-label={`${label(domain[0])} – ${label(domain[1])} ${unit}`}>
            {ticks.map((v, i) => (
              <span key={i}>{label(v)}</span>
            ))}
          </div>
        </>
      ) : (
        <p className="soil-note">—</p>
      )}
      <p className="soil-note">
        <span className="soil-swatch soil-swatch--outline" />
        {t('soilZones.legend.noValue')}
      </p>
    </figure>
  );
}
