/** The calendar day in China (Asia/Shanghai) for an instant, as 'YYYY-MM-DD'. */
export function chinaDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
