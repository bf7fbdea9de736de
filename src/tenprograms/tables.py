"""Tables that render as real, numbered tables in both the HTML site and the PDF."""
from __future__ import annotations

import re

import pandas as pd

from . import fmt

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|$~])")


def markdown_escape(text) -> str:
    """A cell value as literal MyST text (no emphasis, roles or math by accident)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


class Table:
    """A DataFrame with a caption, shown as a real, numbered table in both the HTML site and the PDF.

    It renders as a MyST `list-table` (text/markdown output), which myst-nb parses into a docutils
    table: Sphinx numbers it ("Table 3.2"), `name` makes it a cross-reference target
    ({numref}`tbl-…`), and the LaTeX builder typesets it as a longtable that breaks across pages.
    `widths` are relative column widths.
    """

    def __init__(self, frame: pd.DataFrame, caption: str, name: str | None = None, widths=None):
        self.frame = frame.reset_index(drop=True)
        self.caption = caption
        self.name = name
        self.widths = list(widths) if widths else None

    def __repr__(self) -> str:
        return f"<Table: {self.caption} — {len(self.frame)} rows × {len(self.frame.columns)} columns>"

    def _repr_markdown_(self) -> str:
        lines = [f":::{{list-table}} {markdown_escape(self.caption)}", ":header-rows: 1", ":class: longtable book-table"]
        if self.name:
            lines.append(f":name: {self.name}")
        if self.widths:
            lines.append(":widths: " + " ".join(str(max(1, round(100 * w))) for w in self.widths))
        lines.append("")
        for row in [list(self.frame.columns)] + [list(r) for r in self.frame.itertuples(index=False)]:
            cells = [markdown_escape(v) if str(v).strip() else "–" for v in row]
            lines.append(f"* - {cells[0]}")
            lines.extend(f"  - {c}" for c in cells[1:])
        lines.append(":::")
        return "\n".join(lines)


def table(frame: pd.DataFrame, caption: str, name: str | None = None, widths=None) -> Table:
    """Show a DataFrame as a numbered table with a caption (see Table)."""
    return Table(frame, caption, name=name, widths=widths)


def provenance_frame(metrics: pd.DataFrame) -> pd.DataFrame:
    """The figures with where they come from: indicator, value as printed and in English, kind,
    period, and the verbatim Chinese quote with its English rendering."""
    return pd.DataFrame({
        "Figure": [f"{en} ({zh})" for en, zh in zip(metrics["indicator_en"], metrics["indicator_zh"])],
        "As printed": [fmt.as_printed(r) for _, r in metrics.iterrows()],
        "Value": [fmt.in_english(r) for _, r in metrics.iterrows()],
        "Kind": metrics["kind"].str.replace("_", " ").tolist(),
        "Period": [fmt.period(r) for _, r in metrics.iterrows()],
        "Quote (source line)": [f"“{q}” (l. {n})" for q, n in zip(metrics["quote"], metrics["line"])],
        "Quote in English": metrics["quote_en"].tolist(),
    })


PROVENANCE_WIDTHS = [0.15, 0.11, 0.12, 0.09, 0.13, 0.19, 0.16]


def figures_frame(metrics: pd.DataFrame) -> pd.DataFrame:
    """The figures of a program for the appendix: what it measures, the figure as printed, its
    period, and the verbatim quote with its line (the English reading of the quote is the Figure)."""
    return pd.DataFrame({
        "Figure": [f"{en[:1].upper()}{en[1:]} ({zh})" for en, zh in zip(metrics["indicator_en"], metrics["indicator_zh"])],
        "As printed": [fmt.as_printed(r) for _, r in metrics.iterrows()],
        "Period": [fmt.period(r) for _, r in metrics.iterrows()],
        "Quote (source line)": [f"“{q}” (l. {n})" for q, n in zip(metrics["quote"], metrics["line"])],
    })


FIGURES_WIDTHS = [0.34, 0.13, 0.2, 0.33]
