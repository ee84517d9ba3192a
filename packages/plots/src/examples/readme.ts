import { loadEmbeddedDataset, Vocab } from '@makemore/data';
import { buildDataset, MLP } from '@makemore/models';
import { Generator } from '@makemore/tensor';
import { diagnoseBatch, randomBatch } from '@makemore/train';
import { activationHistogramsChart, renderSvg, saturationMapChart } from '../index.js';

// The part-2 MLP, every tensor plain randn: the part-3 lecture's badly initialised network.
const names = loadEmbeddedDataset('first-names').slice(0, 200);
const vocab = Vocab.fromItems(names);
const generator = new Generator(2147483647);
const model = new MLP({ blockSize: 3, nEmbd: 10, nHidden: 64 }, { vocabSize: vocab.size, generator });
const batch = randomBatch(buildDataset('window', names, vocab, 3), 32, generator);

// Forward and backward on one batch, watched: each layer's statistics and histograms.
const record = await diagnoseBatch(model, batch, { lr: 0.1 });
const h = record.layers.find((layer) => layer.name === 'h')!;
console.log(h.saturated! > 0.5); // true

// A chart is a plain Vega-Lite spec; renderSvg loads vega on first use and draws it.
const histograms = await renderSvg(activationHistogramsChart(record));
const saturation = await renderSvg(saturationMapChart(h, { threshold: 0.97 }));
console.log(histograms.startsWith('<svg'), saturation.includes('white where |tanh| &gt; 0.97')); // true true
model.dispose();
