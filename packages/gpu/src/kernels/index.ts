import type { Kernels } from '@makemore/tensor';
import type { Runtime } from '../runtime.js';
import { attentionKernels } from './attention.js';
import { elementwiseKernels } from './elementwise.js';
import { indexingKernels } from './indexing.js';
import { layoutKernels } from './layout.js';
import { lossKernels } from './loss.js';
import { matmulKernels } from './matmul.js';
import { normKernels } from './norm.js';
import { reduceKernels } from './reduce.js';

/**
 * The gpu.js kernels, one generated source per op and shape family, gathered from one module per
 * op family (as the CPU backend's are). Each method builds a launch, and the runtime compiles it
 * once (the source is the cache key) and keeps the result on the device. Typed as the whole
 * `Kernels` interface, so a kernel no family provides is a compile error.
 */
export function gpuKernels(rt: Runtime): Kernels {
  return {
    ...elementwiseKernels(rt),
    ...layoutKernels(rt),
    ...reduceKernels(rt),
    ...matmulKernels(rt),
    ...indexingKernels(rt),
    ...lossKernels(rt),
    ...normKernels(rt),
    ...attentionKernels(rt),
  };
}
