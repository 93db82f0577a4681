/**
 * Label fonts. The style has no `glyphs` URL, so MapLibre (≥ 5.11) draws every label locally with TinySDF from
 * these CSS font families: Chinese works offline with the fonts of the user's system. The first name carries the
 * weight MapLibre asks the browser for ("… Bold" → 700).
 */
const CJK_FAMILIES = [
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'PingFang SC',
  'Microsoft YaHei',
  'WenQuanYi Micro Hei',
  'sans-serif',
];

export const FONT_REGULAR = ['Noto Sans CJK SC Regular', ...CJK_FAMILIES];
export const FONT_BOLD = ['Noto Sans CJK SC Bold', ...CJK_FAMILIES];

/** For MapLibre's localIdeographFontFamily option (CSS font-family syntax). */
export const IDEOGRAPH_FONT_FAMILY = CJK_FAMILIES.map((family) =>
  family.includes(' ') ? `"${family}"` : family,
).join(', ');
