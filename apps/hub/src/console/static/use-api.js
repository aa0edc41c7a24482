// Loads one API path into a component, again when the path changes or on reload().
import { html, useCallback, useEffect, useState } from '/console/vendor/preact-htm.js';
import { api } from './api.js';

export function useApi(path) {
  const [state, setState] = useState({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api(path).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** What a page shows while its data loads or when it failed. */
export function Pending({ state, what }) {
  if (state.error) return html`<p class="error" role="alert">Could not load ${what}: ${state.error.message}</p>`;
  return html`<p class="loading" aria-live="polite">Loading ${what}…</p>`;
}
