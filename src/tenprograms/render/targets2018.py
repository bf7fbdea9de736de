"""The columns every table of the 2018 targets shares (the context chapter lists the targets, the
target tracker sets them against the report): one formatting, written once.

    from tenprograms.render import targets2018
    frame = pd.DataFrame({**targets2018.columns(ds, facts), "As reported": facts["zh"]})
"""
from __future__ import annotations

import pandas as pd

from .fmt import capitalise


def target_words(statement_en: str) -> str:
    """'Target: 700,000 market entities …' → 'Market entities …' style: the prefix dropped, capitalised."""
    return capitalise(statement_en.removeprefix("Target: "))


def columns(ds, facts: pd.DataFrame, target_column: str = "Target") -> dict[str, list]:
    """Program (its English name, or 'All programs'), the target in words, and the year due."""
    names = ds.programs["name_en"]
    return {
        "Program": [names[int(p)] if pd.notna(p) else "All programs" for p in facts["program"]],
        target_column: [target_words(s) for s in facts["statement_en"]],
        "Due": [str(int(y)) if pd.notna(y) else "no year" for y in facts["year"]],
    }
