import { chunk, MAX_BATCH } from '../src';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('chunk', () => {
  it('cuts at the batch size, keeping order; an empty list is no batch', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
    expect(chunk(Array.from({ length: 20_001 }, (_, i) => i)).map((b) => b.length)).toEqual([10_000, 10_000, 1]);
  });

  it('refuses a size the hub would refuse, or none', () => {
    expect(() => chunk([1], 10_001)).toThrow(RangeError);
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(() => chunk([1], 1.5)).toThrow(RangeError);
  });

  it('MAX_BATCH is the maxItems the OpenAPI document states for facility-stock and catalog uploads', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'openapi.json'), 'utf8'));
    const schemas = doc.components.schemas;
    expect(schemas.PostFacilityStockBody.properties.updates.maxItems).toBe(MAX_BATCH);
    expect(schemas.PutCatalogVariantsBody.properties.variants.maxItems).toBe(MAX_BATCH);
  });
});
