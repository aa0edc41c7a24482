/**
 * BASE's refusals: HTTP 400 with `{ error, error_description }`, descriptions as BASE writes them
 * (Japanese), from the archived API docs (baseinc/api-docs README and base_api_v1_items_edit*.md).
 */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';

export function baseError(error: string, description: string, headers?: Record<string, string>): SimResponse {
  return { status: 400, headers, body: { error, error_description: description } };
}

export const ERRORS = {
  invalidToken: () => baseError('invalid_request', 'アクセストークンが無効です。'),
  invalidScope: () => baseError('invalid_scope', 'スコープが無効です。'),
  notPost: () => baseError('not_post_method', 'POSTで送信してください。'),
  badItemId: () => baseError('bad_item_id', '不正なitem_idです。'),
  /** items/detail's answer for an item the shop does not have (base_api_v1_items_detail.md). */
  noItem: () => baseError('no_item', '商品が見つかりませんでした。'),
  badVariationId: () => baseError('bad_variation_id', '不正なvariation_idです。'),
  validation: () => baseError('validation_error', 'バリデーションエラーです。'),
  digital: () => baseError('invalid_request', 'デジタルコンテンツの商品は編集できません。'),
  clubT: () => baseError('invalid_request', 'ClubTの商品は編集できません。'),
  hourLimit: (headers?: Record<string, string>) =>
    baseError('hour_api_limit', '1時間のAPIの利用上限を超えました。時間が変わってからもう一度アクセスしてください。', headers),
};
