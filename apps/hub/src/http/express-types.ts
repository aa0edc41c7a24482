/** The few members of express's request/response the hub's own middlewares use (express types are not a dependency). */
export interface MiddlewareRequest {
  method: string;
  /** The raw path, without the query string. */
  path: string;
  ip?: string;
  socket: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
}

export interface MiddlewareResponse {
  status(code: number): MiddlewareResponse;
  setHeader(name: string, value: string | number): unknown;
  json(body: unknown): unknown;
}

export type NextFunction = (error?: unknown) => void;

export type Middleware = (req: MiddlewareRequest, res: MiddlewareResponse, next: NextFunction) => void;

/** The methods whose body the API reads; a body on any other (GET, HEAD, DELETE) is ignored, never parsed. */
export const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/** A request carries a body when it says so (the rule body-parser uses): Transfer-Encoding, or a non-zero Content-Length. */
export function hasBody(req: MiddlewareRequest): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Answer without reading the body, and close the connection so its bytes are never read either (Node
 * would otherwise drain them to keep the connection alive).
 */
export function refuse(req: MiddlewareRequest, res: MiddlewareResponse, status: number, body: unknown): void {
  if (hasBody(req)) res.setHeader('Connection', 'close');
  res.status(status).json(body);
}
