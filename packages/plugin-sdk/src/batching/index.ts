export { OutcomeSlots, refOf } from './outcome-slots';
export { stopsTheWork, toPluginError } from './stops-the-work';
export { collapseDuplicates, type CollapsedInput, type CollapseOptions, type Collapsed } from './collapse-duplicates';
export { groupByProduct, type ProductGroup } from './group-by-product';
export { chunk } from './chunk';
export { oneWritePerCall, readFromProductListing, type ProductListing, type VariantWords } from './product-listing-stages';
export {
  isInPlace,
  allInPlace,
  zeroIsOutOfStock,
  skipWritesInPlace,
  skipWhereItSavesCalls,
  type SameStock,
  type InPlaceSplit,
} from './in-place';
// Declarative connections over these helpers: batched(...) and perVariant(...) return a StoreConnection.
export * from '../pipeline';
