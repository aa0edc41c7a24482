/** The Weebly Platform API shapes this plugin reads. */

export interface WeeblySku {
  product_id: string;
  product_sku_id: string;
  sku: string | null;
  price: number;
  sale_price: number | null;
  /** How many are available; null = not tracked. */
  inventory: number | null;
}

/** Weebly's error body (shape unverified): `{ error: { code, message } }`. */
export function weeblyErrorMessage(data: unknown): string | undefined {
  const e = typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined;
  if (typeof e === 'string') return e;
  if (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string')
    return (e as { message: string }).message;
  return undefined;
}
