import { expect } from 'vitest';
import { matchers } from '../testing/index.js';

expect.extend(matchers);
