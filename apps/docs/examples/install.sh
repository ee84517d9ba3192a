# The count-based bigram model and its data helpers
npm install @makemore/bigram @makemore/data

# Sampling, scoring and the model directory format, for any model
npm install @makemore/sampling @makemore/train

# Tensors with autograd, and the layers and optimizers built on them
npm install @makemore/tensor @makemore/nn @makemore/models
