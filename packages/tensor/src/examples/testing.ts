import { Generator, randn } from '../index.js';
import { gradcheck } from '../testing/index.js';

const x = randn([3, 4], { generator: new Generator(0), dtype: 'float64', requiresGrad: true });
const result = gradcheck((t) => t.tanh().sum(), [x]); // throws when gradients disagree
console.log(result.ok); // true
