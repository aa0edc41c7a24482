/**
 * A platform id the hub hands over as a string that must be a positive integer (digits only, no leading zero)
 * JavaScript holds exactly; anything else is undefined, so the change fails without a call.
 */
export const positiveIntegerId = (raw: string): number | undefined =>
  /^[1-9][0-9]*$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : undefined;
