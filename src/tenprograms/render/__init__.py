"""The rendering layer: numbers and English phrasing (fmt, templates), tables, charts, the plot theme,
glue, a chart's data file and the generated reference pages. It may read the data and analysis
layers; it imports nothing from sphinxext or build.
"""
