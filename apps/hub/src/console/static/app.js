// The console's shell: sign-in with an API token, navigation, and hash routes
// (#/overview, #/stores?…, #/stores/:id, #/variants/:id, #/integrations).
import { html, render, useEffect, useState } from '/console/vendor/preact-htm.js';
import { api, clearToken, getToken, setToken, whenUnauthorized } from './api.js';
import { Integrations } from './integrations.js';
import { Overview } from './overview.js';
import { Store } from './store.js';
import { Stores } from './stores.js';
import { Variant } from './variant.js';

function parseHash() {
  const [path, search] = (location.hash.replace(/^#/, '') || '/overview').split('?');
  return { parts: path.split('/').filter(Boolean), params: new URLSearchParams(search ?? '') };
}

function SignIn({ onSignedIn, notice }) {
  const [token, setDraft] = useState('');
  const [error, setError] = useState(notice ?? '');
  const submit = async (e) => {
    e.preventDefault();
    setToken(token.trim());
    try {
      await api('/v1/selling-regions');
      onSignedIn();
    } catch (err) {
      clearToken();
      setError(err.status === 401 ? 'The hub refused this token.' : `Could not reach the hub: ${err.message}`);
    }
  };
  return html`<main>
    <form class="signin" onSubmit=${submit}>
      <h1>Stock Sync Hub — operations console</h1>
      <label
        >API token (one of the hub's HUB_API_TOKENS)
        <input
          name="token"
          type="password"
          autocomplete="off"
          required
          minlength="16"
          value=${token}
          onInput=${(e) => setDraft(e.currentTarget.value)}
        />
      </label>
      <button class="primary" type="submit">Sign in</button>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      <p class="muted">The token stays in this browser tab only (session storage) and is sent to this hub's API.</p>
    </form>
  </main>`;
}

const NAV = [
  ['overview', 'Overview'],
  ['stores', 'Stores'],
  ['variants', 'Catalog variant'],
  ['integrations', 'Integrations'],
];

function Page({ route }) {
  const [section, id] = route.parts;
  if (section === 'stores' && id) return html`<${Store} key=${id} id=${id} />`;
  if (section === 'stores') return html`<${Stores} params=${route.params} />`;
  if (section === 'variants') return html`<${Variant} key=${id ?? ''} id=${id} />`;
  if (section === 'integrations') return html`<${Integrations} />`;
  return html`<${Overview} />`;
}

function App() {
  const [signedIn, setSignedIn] = useState(!!getToken());
  const [notice, setNotice] = useState('');
  const [route, setRoute] = useState(parseHash());
  useEffect(() => {
    const onHash = () => setRoute(parseHash());
    addEventListener('hashchange', onHash);
    whenUnauthorized(() => {
      clearToken();
      setNotice('The hub refused the token (expired or removed): sign in again.');
      setSignedIn(false);
    });
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    const title = NAV.find(([k]) => k === route.parts[0])?.[1] ?? 'Overview';
    document.title = `${title} — Stock Sync Hub console`;
  }, [route]);
  if (!signedIn) return html`<${SignIn} notice=${notice} onSignedIn=${() => setSignedIn(true)} />`;
  const signOut = () => {
    clearToken();
    setNotice('Signed out.');
    setSignedIn(false);
  };
  const current = route.parts[0] ?? 'overview';
  return html`
    <header class="top">
      <h1>Stock Sync Hub</h1>
      <nav aria-label="Console">
        <ul>
          ${NAV.map(([k, text]) => html`<li><a href=${`#/${k}`} aria-current=${current === k ? 'page' : undefined}>${text}</a></li>`)}
        </ul>
      </nav>
      <span class="spacer"></span>
      <button type="button" onClick=${signOut}>Sign out</button>
    </header>
    <main id="main"><${Page} route=${route} /></main>
  `;
}

// Preact appends to the container: drop the static "Loading…" line first.
const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
