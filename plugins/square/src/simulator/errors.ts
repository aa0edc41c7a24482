/** Square error answers: `{ errors: [{ category, code, detail, field? }] }`. */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';
import type { SquareError } from '../square-api';

export function squareError(status: number, category: string, code: string, detail: string, field?: string): SimResponse {
  const e: SquareError = { category, code, detail, ...(field ? { field } : {}) };
  return { status, body: { errors: [e] } };
}

export function invalidRequest(code: string, detail: string, field?: string, status = 400): SimResponse {
  return squareError(status, 'INVALID_REQUEST_ERROR', code, detail, field);
}

/** Spec-validation failures, one Square error per problem (field as a JSON path). */
export function invalidBody(errors: string[]): SimResponse {
  return {
    status: 400,
    body: {
      errors: errors.slice(0, 10).map((e) => {
        const space = e.indexOf(' ');
        const pointer = space > 0 ? e.slice(0, space) : '';
        const field = pointer
          .replace(/^\//, '')
          .replace(/\/(\d+)/g, '[$1]')
          .replace(/\//g, '.');
        const detail = space > 0 ? e.slice(space + 1) : e;
        const code = /must have required property/.test(detail)
          ? 'MISSING_REQUIRED_PARAMETER'
          : /must be string/.test(detail)
            ? 'EXPECTED_STRING'
            : /allowed values/.test(detail)
              ? 'INVALID_ENUM_VALUE'
              : 'INVALID_VALUE';
        return { category: 'INVALID_REQUEST_ERROR', code, detail, ...(field ? { field } : {}) };
      }),
    },
  };
}
