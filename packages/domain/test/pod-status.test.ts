import { isPodStatus, normalizePodStatus, POD_STATUSES } from '../src';

describe('normalizePodStatus', () => {
  it.each([
    ['in_stock', 'fulfillable'],
    ['stocked_on_demand', 'fulfillable'],
    ['out_of_stock', 'out_of_stock'],
    ['discontinued', 'discontinued'],
  ] as const)('maps %s to %s', (raw, expected) => {
    expect(normalizePodStatus(raw)).toBe(expected);
  });

  it.each([
    ['  IN_STOCK ', 'fulfillable'],
    ['In Stock', 'fulfillable'],
    ['stocked-on-demand', 'fulfillable'],
    ['Out Of Stock', 'out_of_stock'],
    ['\tDISCONTINUED\n', 'discontinued'],
  ] as const)('tolerates case and separators: %j → %s', (raw, expected) => {
    expect(normalizePodStatus(raw)).toBe(expected);
  });

  it.each([
    'supplier_out_of_stock',
    'temporary_out_of_stock',
    'active',
    'instock',
    'in__stock_x',
    '',
    '   ',
    'constructor',
    '__proto__',
    'toString',
  ])('treats the unrecognised status %j as unknown', (raw) => {
    expect(normalizePodStatus(raw)).toBe('unknown');
  });

  it.each([null, undefined, 1, true, {}, ['in_stock']])('treats the non-string %j as unknown', (raw) => {
    expect(normalizePodStatus(raw)).toBe('unknown');
  });

  it('recognises exactly the four documented statuses', () => {
    expect([...POD_STATUSES]).toEqual(['in_stock', 'stocked_on_demand', 'out_of_stock', 'discontinued']);
    expect(POD_STATUSES.every(isPodStatus)).toBe(true);
    expect(isPodStatus('In Stock')).toBe(false); // isPodStatus is strict (API input); normalizePodStatus is tolerant
  });
});
