"""The data layer: where the files are, loading and validating the dataset, the expression language
and intervals, the numeral census, verbatim spans of the source, outside facts, the read record.
It imports nothing from the layers above (analysis, render, sphinxext, build).
"""
