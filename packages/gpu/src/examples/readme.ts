import { crossEntropy, tensor } from '@makemore/tensor';
import { selectDevice } from '../index.js';

// 'auto' takes gpu.js only where a hardware GPU answers; otherwise it keeps the CPU backend and says why.
const auto = selectDevice('auto');
console.log(auto.kind === 'cpu' || auto.mode !== null); // true

// Experts name a gpu.js mode. webasm (WebAssembly SIMD) and cpu run everywhere, so this runs anywhere.
const { backend, mode } = selectDevice('webasm');
console.log(mode); // webasm

// Tensors go to the backend with `device`; ops and gradients then run as gpu.js kernels.
const x = tensor(
  [
    [1, 2],
    [3, 4],
  ],
  { device: backend, requiresGrad: true },
);
const y = x.matmul(x);
console.log(y.tolist()); // [ [ 7, 10 ], [ 15, 22 ] ]

const loss = crossEntropy(y.mul(0.1), tensor([1, 0], { dtype: 'int32', device: backend }));
loss.backward();
console.log(loss.item().toFixed(4)); // 0.8288
console.log(x.grad!.shape); // [ 2, 2 ]
