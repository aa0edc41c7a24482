/**
 * The API's error shapes (HTTP-API.md): 400 { error: "validation_failed", details: [{ path, message }] }
 * (the first 100 details, plus `totalDetails` when there were more),
 * 404 { error: "not_found", message }, 409 { error: "conflict", message }, 401 { error: "unauthorized" }.
 * Services throw these; the exception filter renders them.
 */
import { BadRequestException, ConflictException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';

export interface ValidationDetail {
  path: string;
  message: string;
}

/** A 400 lists at most this many details (the first ones), plus `totalDetails` when there were more. */
export const MAX_DETAILS = 100;

export class ValidationFailed extends BadRequestException {
  readonly details: ValidationDetail[];
  readonly totalDetails: number;

  constructor(details: readonly ValidationDetail[], totalDetails = details.length) {
    const shown = details.slice(0, MAX_DETAILS);
    const total = Math.max(totalDetails, details.length);
    super({ error: 'validation_failed', details: shown, ...(total > shown.length ? { totalDetails: total } : {}) });
    this.details = shown;
    this.totalDetails = total;
  }
}

export class ResourceNotFound extends NotFoundException {
  constructor(message: string) {
    super({ error: 'not_found', message });
  }
}

export class ResourceConflict extends ConflictException {
  constructor(message: string) {
    super({ error: 'conflict', message });
  }
}

/** The platform could not be reached to verify credentials (network, 5xx, rate limit). */
export class PlatformUnavailable extends HttpException {
  constructor(message: string) {
    super({ error: 'platform_unavailable', message }, HttpStatus.BAD_GATEWAY);
  }
}
