"""Build steps that read the executed book: the ledger of every number in the prose (book/numbers.csv).
"""
