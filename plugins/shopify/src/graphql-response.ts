/** The envelope of every Admin GraphQL answer (https://shopify.dev/docs/api/admin-graphql#rate-limits). */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface GraphqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [k: string]: unknown };
}

export interface GraphqlResponse<T = unknown> {
  data?: T | null;
  errors?: GraphqlError[] | string | Record<string, unknown>;
  extensions?: { cost?: QueryCost };
}

/** Shopify answers some failures with `errors` as a string or an object (REST-style 4xx bodies). */
export function errorList(body: GraphqlResponse | undefined): GraphqlError[] {
  const e = body?.errors;
  return Array.isArray(e) ? e : [];
}
