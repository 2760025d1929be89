/** The calendar date of an instant in the machine's time zone (what the reseller calls "today"). */
export function localDate(instant: Date): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(instant.getFullYear(), 4)}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}
