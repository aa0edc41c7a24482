/** How the simulated store answers with a combination or a product (the documented fields). */
import { effectiveStock, inStock } from './stock-rules';
import type { SimCombination, SimProduct } from './state';

export function combinationJson(product: SimProduct, c: SimCombination): Record<string, unknown> {
  const eff = effectiveStock(product, c);
  // Options carry their translations as in the documented example ("nameTranslated": {"en": …}).
  const options = c.options.map((o) => ({
    name: o.name,
    nameTranslated: { en: o.name },
    value: o.value,
    valueTranslated: { en: o.value },
  }));
  const out: Record<string, unknown> = { id: c.id, combinationNumber: c.combinationNumber, options };
  if (c.sku !== undefined) out.sku = c.sku;
  // "quantity: Omitted if the combination inherits the base product's quantity."
  if (c.own) out.quantity = c.own.quantity;
  out.unlimited = eff.unlimited;
  out.inStock = inStock(eff);
  if (c.warningLimit !== undefined) out.warningLimit = c.warningLimit;
  return out;
}

export function productJson(p: SimProduct): Record<string, unknown> {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    quantity: p.stock.quantity,
    unlimited: p.stock.unlimited,
    inStock: inStock(p.stock),
    enabled: true,
    options: p.combinations.size
      ? [
          {
            type: 'SELECT',
            name: 'Variant',
            choices: [...p.combinations.values()].map((c) => ({ text: c.options[0]?.value ?? String(c.id) })),
          },
        ]
      : [],
  };
}

/** responseFields=total,items(id,sku): keeps the named top-level fields (nested lists ignored). */
export function pickResponseFields(obj: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  if (!fields) return obj;
  const names = fields
    .replace(/\([^)]*\)/g, '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const out: Record<string, unknown> = {};
  for (const n of names) if (n in obj) out[n] = obj[n];
  return out;
}
