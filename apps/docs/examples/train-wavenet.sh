# Lecture 5's final model: a context of 8, embeddings of 24, 128 units; the rate is lowered at 150,000
makemore train --model wavenet --out runs/wavenet
# The first hierarchical version (22,397 parameters on names.txt)
makemore train --model wavenet --n-embd 10 --n-hidden 68 --out runs/wavenet-small
makemore sample --model-dir runs/wavenet -n 10
