/**
 * Magento's searchCriteria query parameters: filter groups are ANDed, filters within a group ORed;
 * conditionType eq (default), neq, in, nin, like (% wildcards). Both filterGroups and filter_groups spellings.
 */
import type { SimRequest } from '@stock-sync/plugin-testkit/simulator';

interface Filter {
  field: string;
  value: string;
  conditionType: string;
}

export interface SearchCriteria {
  groups: Filter[][];
  pageSize?: number;
  currentPage: number;
}

const KEY = /^searchCriteria\[(?:filterGroups|filter_groups)\]\[(\d+)\]\[filters\]\[(\d+)\]\[(field|value|conditionType|condition_type)\]$/;

export function parseSearchCriteria(req: SimRequest): SearchCriteria {
  const groups: Record<string, Record<string, Partial<Filter>>> = {};
  let pageSize: number | undefined;
  let currentPage = 1;
  for (const [k, raw] of Object.entries(req.query)) {
    const v = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    const m = KEY.exec(k);
    if (m) {
      const f = ((groups[m[1]] ??= {})[m[2]] ??= {});
      const name = m[3] === 'condition_type' ? 'conditionType' : (m[3] as keyof Filter);
      f[name] = v;
    } else if (k === 'searchCriteria[pageSize]' || k === 'searchCriteria[page_size]') pageSize = Number(v);
    else if (k === 'searchCriteria[currentPage]' || k === 'searchCriteria[current_page]') currentPage = Math.max(1, Number(v) || 1);
  }
  return {
    groups: Object.values(groups).map((g) =>
      Object.values(g).map((f) => ({ field: f.field ?? '', value: f.value ?? '', conditionType: f.conditionType ?? 'eq' })),
    ),
    pageSize: pageSize && pageSize > 0 ? pageSize : undefined,
    currentPage,
  };
}

function matches(row: Record<string, unknown>, f: Filter): boolean {
  const actual = String(row[f.field] ?? '');
  const list = f.value.split(',').map((s) => s.trim());
  switch (f.conditionType) {
    case 'in':
      return list.includes(actual);
    case 'nin':
      return !list.includes(actual);
    case 'neq':
      return actual !== f.value;
    case 'like':
      return new RegExp(`^${f.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, 'i').test(actual);
    default:
      return actual === f.value;
  }
}

export function applySearchCriteria<T extends Record<string, unknown>>(rows: T[], sc: SearchCriteria): { items: T[]; total: number } {
  const hit = rows.filter((r) => sc.groups.every((g) => g.some((f) => matches(r, f))));
  const items = sc.pageSize ? hit.slice((sc.currentPage - 1) * sc.pageSize, sc.currentPage * sc.pageSize) : hit;
  return { items, total: hit.length };
}
