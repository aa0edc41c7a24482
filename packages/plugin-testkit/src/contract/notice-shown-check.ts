/**
 * The notices contract's check of `NoticeRef.shown` (plugin API 1.6): the host skips the read-back of a variant
 * whose notice shows what the hub last wrote, so `shown` must be exactly what the plugin's own readStock reads —
 * a plugin whose notice disagrees with its read-back would hide drift. Refs without `shown` are not checked.
 */
import { describeTargetStock, sameTargetStock, type NoticeRef, type StoreConnection, type VariantRef } from '@stock-sync/plugin-sdk';

/** Reads `edited` back through `connection` (once, only when some ref carries `shown`) and throws on a disagreement. */
export async function expectShownAsReadStockReads(
  connection: Pick<StoreConnection, 'readStock'>,
  edited: VariantRef,
  refs: readonly NoticeRef[],
): Promise<void> {
  const shown = refs.filter((r) => r.shown !== undefined);
  if (shown.length === 0) return;
  const [read] = await connection.readStock([edited]);
  if (read?.status !== 'found') {
    throw new Error(`readStock of the edited variant failed: ${read?.status === 'failed' ? read.error.message : 'no answer'}`);
  }
  for (const r of shown) {
    if (!sameTargetStock(r.shown, read.stock)) {
      throw new Error(
        `the notice's ref says the variant shows ${describeTargetStock(r.shown)}, but readStock reads ${describeTargetStock(read.stock)}: shown must be read with readStock's mapping`,
      );
    }
  }
}
