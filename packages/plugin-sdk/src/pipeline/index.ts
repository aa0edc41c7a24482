export { batched, perVariant, type BatchedSpec, type PerVariantSpec } from './connection';
export { inPool } from './pool';
export { StopTheWork, Written, type ItemAnswer, type StopTheWorkOptions } from './stop';
export type { Planned, WriteAnswer, ReadAnswer, StageOptions, WriteStage, ReadStage, PipelineBase } from './types';
