# makemore's defaults: 20,000 AdamW steps (5e-4, weight decay 0.01), embeddings and state of 64
makemore train --model rnn --out runs/rnn
makemore train --model gru --out runs/gru
makemore sample --model-dir runs/gru -n 10
