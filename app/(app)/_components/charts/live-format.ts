/**
 * Value formats the live charts understand. Server pages pass the name of a format (a string),
 * never a function: functions cannot cross the server→client boundary.
 */
export type LiveFormat = 'percent' | 'kwh' | 'wh-per-km' | 'wh-per-mi' | 'km' | 'mi' | 'kw' | 'plain';

const nf = (digits: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits });

export function liveFormatter(format: LiveFormat): (v: number) => string {
  switch (format) {
    case 'percent':
      return (v) => `${nf(0).format(v)} %`;
    case 'kwh':
      return (v) => `${nf(1).format(v)} kWh`;
    case 'wh-per-km':
      return (v) => `${nf(0).format(v)} Wh/km`;
    case 'wh-per-mi':
      return (v) => `${nf(0).format(v)} Wh/mi`;
    case 'km':
      return (v) => `${nf(0).format(v)} km`;
    case 'mi':
      return (v) => `${nf(0).format(v)} mi`;
    case 'kw':
      return (v) => `${nf(1).format(v)} kW`;
    default:
      return (v) => nf(1).format(v);
  }
}
