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

/** SQL: the instant a China calendar day begins (`p` a date expression or parameter such as '$1'). */
export const sqlDayStart = (p: string): string => `(${p}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** SQL: the instant a China calendar day ends — the start of the next day (a bound compared with `<`). */
export const sqlDayEnd = (p: string): string => `((${p}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
