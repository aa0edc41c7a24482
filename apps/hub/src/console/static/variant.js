// A catalog variant: its state per facility and the computed availability in every selling region.
import { html, useState } from '/console/vendor/preact-htm.js';
import { label, stock, when } from './format.js';
import { Pending, useApi } from './use-api.js';

function VariantForm({ id }) {
  const [draft, setDraft] = useState(id ?? '');
  const submit = (e) => {
    e.preventDefault();
    if (/^\d+$/.test(draft.trim())) location.hash = `#/variants/${draft.trim()}`;
  };
  return html`<form class="filters" onSubmit=${submit}>
    <label
      >Catalog variant id
      <input name="variant" inputmode="numeric" pattern="[0-9]+" required value=${draft} onInput=${(e) => setDraft(e.currentTarget.value)}
    /></label>
    <button type="submit">Show</button>
  </form>`;
}

export function Variant({ id }) {
  const state = useApi(id ? `/v1/catalog/variants/${id}/stock` : undefined);
  const v = state.data;
  return html`
    <h2>Catalog variant${v ? ` ${v.variant.id}: ${v.variant.name}` : ''}</h2>
    <${VariantForm} id=${id} />
    ${
      !id
        ? html`<p class="muted">Type a catalog variant id, or follow one from a store's variants.</p>`
        : !v
          ? html`<${Pending} state=${state} what="the variant" />`
          : html`
              <p>
                Product ${v.variant.productId}${v.variant.sku ? ` · SKU ${v.variant.sku}` : ''} ·
                ${v.variant.fulfillment === 'pod' ? 'print on demand' : 'warehouse'}
              </p>
              <div class="grid2">
                <section aria-labelledby="facilities">
                  <h3 id="facilities">Per facility</h3>
                  ${
                    v.facilities.length === 0
                      ? html`<p>No facility has reported this variant.</p>`
                      : html`<table>
                          <thead>
                            <tr>
                              <th scope="col">Facility</th>
                              <th scope="col">Status</th>
                              <th scope="col" class="num">Quantity</th>
                              <th scope="col">Observed</th>
                            </tr>
                          </thead>
                          <tbody>
                            ${v.facilities.map(
                              (f) =>
                                html`<tr>
                                  <th scope="row">${f.facility}</th>
                                  <td>${f.status ? label(f.status) : '—'}</td>
                                  <td class="num">${f.quantity ?? '—'}</td>
                                  <td>${when(f.observedAt)}</td>
                                </tr>`,
                            )}
                          </tbody>
                        </table>`
                  }
                </section>
                <section aria-labelledby="regions">
                  <h3 id="regions">Availability per selling region</h3>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Region</th>
                        <th scope="col">Stock</th>
                        <th scope="col">Basis</th>
                        <th scope="col">Why</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${v.regions.map(
                        (r) =>
                          html`<tr>
                            <th scope="row">${r.region}</th>
                            <td class=${r.stock?.kind === 'out_of_stock' ? 'error' : ''}>${stock(r.stock)}</td>
                            <td>${label(r.basis)}</td>
                            <td>${r.reason ?? ''}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </section>
              </div>
            `
    }
  `;
}
