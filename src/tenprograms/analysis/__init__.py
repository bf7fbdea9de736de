"""The analysis layer: the audit of the report's arithmetic, the target tracker, the assessment, the
report's profile and the scorecard's grades. It reads the data layer and returns frames and
values, never text for a page; it imports nothing from render, sphinxext or build.
"""
