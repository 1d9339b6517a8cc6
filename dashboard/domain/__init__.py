"""Domain rules: the directory model, the counting model, precarity, evidence, gaps, cliff-edge, need, the scorecard. Imports data and base modules, never views or web."""
