import { setFlagsFromString } from 'node:v8';

// Imported first by the benchmarks, as the makemore CLI does (apps/cli/src/relaxed-simd.ts): Node 20
// accepts WebAssembly's relaxed SIMD only behind this flag, and with it the tensor core takes its
// relaxed-SIMD build (fused multiply-adds in the matmul), so the benchmarks time what the CLI runs.
// `--no-relaxed-simd` (read here, before anything else loads) times the plain SIMD build instead.
if (!process.argv.includes('--no-relaxed-simd')) setFlagsFromString('--experimental-wasm-relaxed-simd');
