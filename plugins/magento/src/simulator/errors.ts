/** Magento error answers: `{ message, parameters }` with %1 / %name placeholders (error-response). */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';

export function mError(
  status: number,
  message: string,
  parameters?: (string | number)[] | Record<string, string | number>,
  extra: Record<string, unknown> = {},
): SimResponse {
  return { status, body: { message, ...(parameters ? { parameters } : {}), ...extra } };
}

/** Webapi input validation (ServiceInputProcessor): 400 with the first problem, all of them in `errors`. */
export function invalidInput(errors: string[]): SimResponse {
  const items = errors.slice(0, 10).map((e) => ({ message: e }));
  return mError(400, items[0]?.message ?? 'Invalid request.', undefined, { errors: items });
}

export const productNotFound = () => mError(404, "The product that was requested doesn't exist. Verify the product and try again.");

export function notAuthorized(resources: string): SimResponse {
  return mError(401, "The consumer isn't authorized to access %resources.", { resources });
}

/** Magento\Webapi\Controller\Rest\Router: a path no installed module serves. */
export const noRoute = () => mError(404, 'Request does not match any route.');

/** EntityArrayValidator with input limits on: the whole request is refused. */
export function inputLimitExceeded(type: string, max: number): SimResponse {
  return mError(400, 'Maximum items of type "%type" is %max', { type, max });
}
