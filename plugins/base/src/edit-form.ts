/**
 * The form body of POST /1/items/edit for stock only: item_id, then the indexed arrays
 * variation_id[n] / variation_stock[n] (the other variation fields are optional and left out, so BASE keeps
 * them), or `stock` for an item without variations.
 */
export interface StockEdit {
  variationId: number | undefined;
  stock: number;
}

export function editStockForm(itemId: number, edits: readonly StockEdit[]): string {
  const form = new URLSearchParams();
  form.append('item_id', String(itemId));
  let n = 0;
  for (const e of edits) {
    if (e.variationId === undefined) {
      form.append('stock', String(e.stock));
      continue;
    }
    form.append(`variation_id[${n}]`, String(e.variationId));
    form.append(`variation_stock[${n}]`, String(e.stock));
    n++;
  }
  return form.toString();
}
