import { matchers } from '@makemore/tensor/testing';
import { expect } from 'vitest';

expect.extend(matchers);
