/** `YYYY-MM-DD` of an instant in the forum's time zone (for date columns such as implementedOn). */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
