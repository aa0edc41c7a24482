/**
 * The API's error shapes (HTTP-API.md): 400 { error: "validation_failed", details: [{ path, message }] },
 * 404 { error: "not_found", message }, 409 { error: "conflict", message }, 401 { error: "unauthorized" }.
 * Services throw these; the exception filter renders them.
 */
import { BadRequestException, ConflictException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';

export interface ValidationDetail {
  path: string;
  message: string;
}

export class ValidationFailed extends BadRequestException {
  constructor(readonly details: ValidationDetail[]) {
    super({ error: 'validation_failed', details });
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
