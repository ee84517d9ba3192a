import { Generator, tensor, tidy } from '@makemore/tensor';
import {
  BatchNorm1d,
  crossEntropyLoss,
  Embedding,
  Flatten,
  Linear,
  type LrSchedule,
  learningRateAt,
  Sequential,
  SGD,
  Tanh,
} from '../index.js';

// The lecture's part-3 network as layers: embeddings, Linear (Kaiming, gain 5/3), BatchNorm, tanh.
const g = new Generator(2147483647);
const net = new Sequential([
  new Embedding(27, 10, { generator: g }),
  new Flatten(),
  new Linear(30, 200, { generator: g, bias: false, gain: 5 / 3 }),
  new BatchNorm1d(200),
  new Tanh(),
  new Linear(200, 27, { generator: g }),
]);
console.log(net.numParameters()); // 12097
console.log(net.namedParameters().map(([name]) => name)); // [ '0.weight', '2.weight', '3.gamma', '3.beta', '5.weight', '5.bias' ]

// SGD with the lecture's step decay on a toy batch: contexts '...', '..e', '.em' → 'e', 'm', 'm'.
const X = tensor(
  [
    [0, 0, 0],
    [0, 0, 5],
    [0, 5, 13],
  ],
  { dtype: 'int32' },
);
const Y = tensor([5, 13, 13], { dtype: 'int32' });
const schedule: LrSchedule = { kind: 'step', lr: 0.1, decayAt: [50], factor: 0.1 };
const optimizer = new SGD(net.namedParameters(), { lr: schedule.lr });
const losses: number[] = [];
for (let step = 0; step < 100; step++) {
  optimizer.lr = learningRateAt(schedule, step);
  losses.push(
    tidy(() => {
      const loss = crossEntropyLoss(net.forward(X), Y);
      optimizer.zeroGrad();
      loss.backward();
      return loss.item();
    }),
  );
  optimizer.step();
}
console.log(losses[99]! < losses[0]! / 2); // true

// Eval mode uses BatchNorm's running statistics; the state dict carries them for checkpoints.
net.eval();
console.log([...net.stateDict().keys()].slice(-2)); // [ '3.runningMean', '3.runningVar' ]
console.log(optimizer.stateDict().scalars); // { step: 100, lr: 0.010000000000000002, momentum: 0, weightDecay: 0 }
