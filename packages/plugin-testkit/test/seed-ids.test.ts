/** seedIntegerId: seeded ids of platforms that number their products and variants. */
import { seedIntegerId } from '../src';

describe('seedIntegerId', () => {
  it('reads a positive integer', () => {
    expect(seedIntegerId('1', 'Acme product')).toBe(1);
    expect(seedIntegerId('90210', 'Acme product')).toBe(90210);
    expect(seedIntegerId('1234567890123', 'Acme product')).toBe(1234567890123);
  });

  it.each(['', '0', '07', '-3', '+3', '1.5', '1e3', ' 1', 'abc', '12a'])('refuses %j, naming what it is', (raw) => {
    expect(() => seedIntegerId(raw, 'Acme variant')).toThrow(new Error(`Acme variant ids are positive integers, got '${raw}'`));
  });

  it('refuses ids longer than maxDigits', () => {
    expect(seedIntegerId('123', 'Acme product', 3)).toBe(123);
    expect(seedIntegerId('9', 'Acme product', 3)).toBe(9);
    expect(() => seedIntegerId('1234', 'Acme product', 3)).toThrow("Acme product ids are positive integers, got '1234'");
    expect(() => seedIntegerId('012', 'Acme product', 3)).toThrow();
  });
});
