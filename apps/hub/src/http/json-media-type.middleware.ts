/**
 * Every route of the API takes JSON: a request that carries a body in another media type, a charset
 * other than UTF-8 (RFC 8259 §8.1) or a Content-Encoding body-parser cannot undo is answered 415 before
 * the body is read. `text/plain` `{"dryRun":true}` on POST /v1/stores/:id/sync used to start a real run,
 * because a body that was not parsed simply looked empty.
 */
import { BODY_METHODS, hasBody, refuse, type Middleware } from './express-types';

const ENCODINGS = ['identity', 'gzip', 'deflate', 'br'];

export function jsonMediaTypeMiddleware(): Middleware {
  return function jsonMediaType(req, res, next) {
    if (!BODY_METHODS.has(req.method) || !hasBody(req)) return next();
    const problem = mediaTypeProblem(header(req.headers['content-type']), header(req.headers['content-encoding']));
    if (!problem) return next();
    refuse(req, res, 415, { error: 'unsupported_media_type', message: problem });
  };
}

/** Why a body with these headers cannot be read as JSON, or undefined when it can. */
export function mediaTypeProblem(contentType: string | undefined, contentEncoding: string | undefined): string | undefined {
  if (!contentType) return 'a request body must be sent with content-type: application/json';
  const [type, ...params] = contentType.split(';');
  if (type.trim().toLowerCase() !== 'application/json') {
    return `content-type ${quote(type.trim())} is not supported: send application/json`;
  }
  for (const param of params) {
    const [name, value = ''] = param.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = value
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') return `charset ${quote(charset)} is not supported: JSON is sent as utf-8`;
  }
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (!ENCODINGS.includes(encoding)) {
    return `content-encoding ${quote(encoding)} is not supported (one of ${ENCODINGS.join(', ')})`;
  }
  return undefined;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Quoted and cut short: the value is the client's, echoed back in a message. */
function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}
