"""The one error the data layer raises: every problem found, each naming file, row and column."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str          # e.g. "data/metrics.csv"
    row: str           # e.g. "line 12 (metric_id=growth_tax_cuts)", or "" for a whole-file problem
    column: str        # e.g. "value_base", or "" when no single column is at fault
    message: str

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.file, self.row, f"column {self.column}" if self.column else "") if part)
        return f"{where}: {self.message}"


class DataValidationError(Exception):
    """Raised instead of returning data that failed validation. Nothing is partly loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [f"{len(self.problems)} problem(s) in the data:"] + [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))
