/** Calendar dates as county offices count them: China Standard Time (UTC+8, no daylight saving). */
const FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 'YYYY-MM-DD' of the given instant in China. */
export function chinaDate(instant: Date = new Date()): string {
  return FORMAT.format(instant);
}
