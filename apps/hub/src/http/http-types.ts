/** The few request/response members the hub touches (express types are not a dependency). */
export interface HttpRequestLike {
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpResponseLike {
  status(code: number): HttpResponseLike;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}
