/** Largest batch one request may carry (catalog variants, facility updates, sync variants). */
export const MAX_BATCH = 10_000;
/** PostgreSQL integer range (catalog ids are int columns). */
export const MAX_INT = 2_147_483_647;
/** An ISO-8601 date-time with an explicit zone: an observation time must not depend on a server's zone. */
export const ISO_DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
