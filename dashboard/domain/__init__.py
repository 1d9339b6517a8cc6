"""Domain rules: the directory model, the counting model and its cells, precarity, evidence,
gaps, cliff-edge, need, the scorecard, citations and the app's loaded context. Imports the data
layer and the base modules, never views or web."""
