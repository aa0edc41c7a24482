// How values read in the console.
export function stock(s) {
  if (!s) return '—';
  if (s.kind === 'unlimited') return 'unlimited';
  if (s.kind === 'out_of_stock') return 'out of stock';
  if (s.kind === 'quantity') return String(s.quantity);
  return JSON.stringify(s);
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function age(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

export function secs(s) {
  return s === null || s === undefined ? '—' : `${s.toFixed(s < 10 ? 1 : 0)} s`;
}

export const label = (status) => (status ?? '').replaceAll('_', ' ');

export function errorText(e) {
  if (!e) return '';
  return [e.code, e.message].filter(Boolean).join(': ');
}
