import type { SplitScheme, VocabLayout } from '@makemore/data';
import type { DeviceRequest } from '@makemore/gpu';
import type { DataOptions } from '../common-options.js';

/** The options of `makemore train`, as commander parses them. */
export interface TrainOptions extends DataOptions {
  model: string;
  maxLength?: number;
  out?: string;
  force?: boolean;
  seed: number;
  samples: number;
  split?: SplitScheme;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  smoothing: number;
  n?: number;
  layout: VocabLayout;
  device: DeviceRequest;
  threads: number;
  steps?: number;
  batchSize?: number;
  lr?: number;
  lrDecayAt?: number;
  weightDecay?: number;
  evalEvery?: number;
  evalRows?: number;
  /** `--diagnostics`: record layer and parameter statistics at each evaluation. */
  diagnostics?: boolean;
  resume?: boolean;
  /** The hyperparameter flags, derived from the registry (`nEmbd`, `nEmbd2`, ...). */
  [hyperparameter: string]: unknown;
}
