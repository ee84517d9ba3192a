# makemore's default: 4 blocks of 4 heads, a residual stream of 64, AdamW at 5e-4 for 20,000 steps
makemore train --model transformer --out runs/transformer
# The smaller model trained above, on gpu.js where a hardware GPU answers
makemore train --model transformer --n-layer 2 --n-embd 32 --device auto --out runs/transformer-small
makemore sample --model-dir runs/transformer -n 10 --top-k 5
