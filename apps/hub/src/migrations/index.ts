import { InitialSchema1764230400000 } from './1764230400000-initial-schema';
import { StoreSyncLease1764489600000 } from './1764489600000-store-sync-lease';
import { OAuthConnect1765000000000 } from './1765000000000-oauth-connect';
import { StockChangeVersions1765100000000 } from './1765100000000-stock-change-versions';
import { Webhooks1765200000000 } from './1765200000000-webhooks';
import { SyncedVariantCounts1765400000000 } from './1765400000000-synced-variant-counts';
import { PlatformNotices1765500000000 } from './1765500000000-platform-notices';
import { NoticeReplays1765600000000 } from './1765600000000-notice-replays';
import { ReadbackShown1765700000000 } from './1765700000000-readback-shown';
import { StoreVariantOrder1765800000000 } from './1765800000000-store-variant-order';
import { PlatformKept1765900000000 } from './1765900000000-platform-kept';
import { HistoryRetention1766000000000 } from './1766000000000-history-retention';

/** Every migration, in order (explicit list: works from src/ under jest and from dist/). */
export const HUB_MIGRATIONS = [
  InitialSchema1764230400000,
  StoreSyncLease1764489600000,
  OAuthConnect1765000000000,
  StockChangeVersions1765100000000,
  Webhooks1765200000000,
  SyncedVariantCounts1765400000000,
  PlatformNotices1765500000000,
  NoticeReplays1765600000000,
  ReadbackShown1765700000000,
  StoreVariantOrder1765800000000,
  PlatformKept1765900000000,
  HistoryRetention1766000000000,
];
