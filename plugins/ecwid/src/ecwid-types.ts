/**
 * The Ecwid REST v3 wire shapes this plugin touches. Sources: Ecwid/ecwid-api-docs
 * includes/_combinations.md, includes/_batch_api.md; docs.ecwid.com (README.md).
 */

/** A product variation ("combination"). `quantity` is omitted while it inherits the base product's stock. */
export interface EcwidCombination {
  id: number;
  combinationNumber?: number;
  sku?: string;
  quantity?: number;
  unlimited?: boolean;
  inStock?: boolean;
  warningLimit?: number;
}

/** The stock fields of a product (GET /products/{id}). */
export interface EcwidProductStock {
  id: number;
  quantity?: number;
  unlimited?: boolean;
  inStock?: boolean;
}

/** The body of PUT /products/{pid}/combinations/{cid} this plugin sends. */
export interface EcwidCombinationStockUpdate {
  unlimited: boolean;
  quantity?: number;
}

/** `{ updateCount: 1 }`, or 0 when nothing was updated. */
export interface EcwidUpdateStatus {
  updateCount: number;
  warning?: string;
}

/** Ecwid error bodies: `{ errorMessage, errorCode }` (errorCode on newer endpoints). */
export interface EcwidErrorBody {
  errorMessage?: string;
  errorCode?: string;
}

/** One sub-request of POST /batch. */
export interface EcwidBatchRequest {
  id: string;
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
}

export type EcwidBatchItemStatus = 'COMPLETED' | 'FAILED' | 'NOT_EXECUTED';

export interface EcwidBatchItemResponse {
  id?: string;
  status: EcwidBatchItemStatus;
  http_body?: unknown;
  escaped_http_body?: string;
  http_status_code?: number;
  http_status_line?: string;
}

export interface EcwidBatchStatus {
  status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED';
  total_requests: number;
  completed_requests: number;
  responses?: EcwidBatchItemResponse[];
}

export function errorBodyOf(data: unknown): EcwidErrorBody | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  if (typeof d.errorMessage !== 'string' && typeof d.errorCode !== 'string') return undefined;
  return { errorMessage: typeof d.errorMessage === 'string' ? d.errorMessage : undefined, errorCode: typeof d.errorCode === 'string' ? d.errorCode : undefined };
}
