# builds the workspace, prints a table, writes JSON to apps/bench/bench-results/
pnpm bench
