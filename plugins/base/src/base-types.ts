/** The BASE API v1 shapes this plugin reads. */

export interface BaseVariation {
  variation_id: number;
  variation: string;
  variation_stock: number;
  variation_identifier: string | null;
}

export interface BaseItem {
  item_id: number;
  title: string;
  stock: number;
  visible: number;
  modified: number;
  variations: BaseVariation[];
}

/** Every error: HTTP 400 with `{ error, error_description }` (the description is Japanese text). */
export interface BaseErrorBody {
  error: string;
  error_description: string;
}

export function baseErrorBody(data: unknown): BaseErrorBody | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  return typeof d.error === 'string'
    ? { error: d.error, error_description: typeof d.error_description === 'string' ? d.error_description : '' }
    : undefined;
}

export function itemOf(data: unknown): BaseItem | undefined {
  const item = typeof data === 'object' && data !== null ? (data as { item?: unknown }).item : undefined;
  return typeof item === 'object' && item !== null && typeof (item as BaseItem).item_id === 'number' ? (item as BaseItem) : undefined;
}
