# The lecture's recipe: 200,000 SGD steps of 32, learning rate 0.1, then 0.01 from step 100,000
makemore train --model mlp-bn --out runs/mlp-bn
# A quicker look: 20,000 steps, the rate lowered at step 10,000
makemore train --model mlp-bn --steps 20000 --lr-decay-at 10000 --out runs/mlp-bn-short
makemore sample --model-dir runs/mlp-bn-short -n 10
