import { testReadmeExample } from '../../../../tests/support/readme-example.js';

testReadmeExample(new URL('./readme.ts', import.meta.url), '@makemore/plots', () => import('./readme.js'));
