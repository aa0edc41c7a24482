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

/**
 * Ecwid error bodies: `{ errorMessage, errorCode }` (errorCode on newer endpoints; the official Java
 * client's EcwidApiError). The legacy batch-create error example shows `error_message`: read too.
 */
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

/**
 * One sub-request's answer in GET /batch (camelCase, as documented in "Get batch request status"
 * https://api-docs.ecwid.com/reference/get-batch-request-status and Ecwid's official Java client
 * EscapedSingleBatchResponse). With `escapedJson=true` the body comes as a JSON string in
 * `escapedHttpBody` instead of the object in `httpBody`.
 */
export interface EcwidBatchItemResponse {
  id?: string;
  status: EcwidBatchItemStatus;
  httpBody?: unknown;
  escapedHttpBody?: string;
  httpStatusCode?: number;
  httpStatusLine?: string;
}

/** GET /batch?ticket=… ("BatchRequestStatus"). */
export interface EcwidBatchStatus {
  status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED';
  totalRequests: number;
  completedRequests: number;
  responses?: EcwidBatchItemResponse[];
}

export function errorBodyOf(data: unknown): EcwidErrorBody | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  const message = typeof d.errorMessage === 'string' ? d.errorMessage : typeof d.error_message === 'string' ? d.error_message : undefined;
  const code = typeof d.errorCode === 'string' ? d.errorCode : undefined;
  if (message === undefined && code === undefined) return undefined;
  return { errorMessage: message, errorCode: code };
}
