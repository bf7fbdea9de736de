"""Tables that render as real, numbered tables in both the HTML site and the PDF."""
from __future__ import annotations

import re

import pandas as pd

from ..data.expressions import referenced_ids
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

    def __init__(self, frame: pd.DataFrame, caption: str, name: str | None = None, widths=None, raw=()):
        self.frame = frame.reset_index(drop=True)
        self.caption = caption
        self.name = name
        self.widths = list(widths) if widths else None
        #: columns whose cells are MyST markup the table's author built (roles), not literal text
        self.raw = set(raw)

    def __repr__(self) -> str:
        return f"<Table: {self.caption} — {len(self.frame)} rows × {len(self.frame.columns)} columns>"

    def _repr_markdown_(self) -> str:
        lines = [f":::{{list-table}} {markdown_escape(self.caption)}", ":header-rows: 1", ":class: longtable book-table"]
        if self.name:
            lines.append(f":name: {self.name}")
        if self.widths:
            lines.append(":widths: " + " ".join(str(max(1, round(100 * w))) for w in self.widths))
        lines.append("")
        raw = [c in self.raw for c in self.frame.columns]
        rows = [[markdown_escape(c) for c in self.frame.columns]]
        for r in self.frame.itertuples(index=False):
            rows.append([(str(v) if is_raw else markdown_escape(v)) if str(v).strip() else "–" for v, is_raw in zip(r, raw)])
        for cells in rows:
            lines.append(f"* - {cells[0]}")
            lines.extend(f"  - {c}" for c in cells[1:])
        lines.append(":::")
        return "\n".join(lines)


def table(frame: pd.DataFrame, caption: str, name: str | None = None, widths=None, raw=()) -> Table:
    """Show a DataFrame as a numbered table with a caption (see Table)."""
    return Table(frame, caption, name=name, widths=widths, raw=raw)


def figures_frame(metrics: pd.DataFrame) -> pd.DataFrame:
    """The figures of a program for the appendix: what it measures, the figure as printed, its
    period, and the verbatim quote with its line (the English reading of the quote is the Figure)."""
    return pd.DataFrame({
        "Figure": [f"{en[:1].upper()}{en[1:]} ({zh})" for en, zh in zip(metrics["indicator_en"], metrics["indicator_zh"])],
        "As printed": [f"{{srcref}}`{i}`" for i in metrics.index],
        "Period": [fmt.period(r) for _, r in metrics.iterrows()],
        "Quote (source line)": [f"“{q}” (l. {n})" for q, n in zip(metrics["quote"], metrics["line"])],
    })


FIGURES_WIDTHS = [0.34, 0.13, 0.2, 0.33]


# ---------------------------------------------------------------- the audit's tables

_SIGN = {"==": "=", "<=": "≤", ">=": "≥"}


def _side(text: str, ds, number=fmt.number) -> str:
    """An expression with each metric id replaced by the figure's value: '11 + 6', '100 × 107,164 / 509,158'
    (`number` formats each value: fmt_zh.number for the Chinese edition, '100 × 107164 / 509158')."""
    out = re.sub(r'count\("([^"]*)"\)', lambda m: str(len(m.group(1).split("、"))), text)
    for metric_id in sorted(set(referenced_ids(text)), key=len, reverse=True):
        out = re.sub(rf"\b{metric_id}\b", number(ds.value(metric_id)), out)
    return out.replace("*", "×").replace(" - ", " − ")


def _value(mid: float, lo: float, hi: float, number=fmt.number, no_ceiling: str = "no ceiling",
           brackets: str = " ({}–{})") -> str:
    """A side's value and, where the printing's rounding or hedge allows a range, the range."""
    if lo == hi:
        return number(mid)
    return number(mid) + brackets.format(number(lo), no_ceiling if hi == float("inf") else number(hi))


def _guarded(ds, lhs: str, rhs: str, guarded: list[str]) -> str:
    if set(guarded) == set(referenced_ids(lhs) + referenced_ids(rhs)):
        return "any of its figures"
    return "; ".join(ds.metric(m)["indicator_en"] for m in guarded)


def audit_checks_frame(ds, result: pd.DataFrame) -> pd.DataFrame:
    """The checks that could fail: what each checks, both sides with the figures as printed and the
    interval the printing allows, the verdict under both readings of hedges, and what it guards."""
    checks = result[result["group"] == "could fail"]
    return pd.DataFrame({
        "Program": ds.programs.loc[checks["program"], "name_en"].to_numpy(),
        "What is checked": checks["description_en"].to_numpy(),
        "Computed": [f"{_side(e, ds)} = {_value(v, lo, hi)}" for e, v, lo, hi in
                     zip(checks["lhs"], checks["lhs_value"], checks["lhs_lo"], checks["lhs_hi"])],
        "Printed": [f"{_SIGN[op]} {_value(v, lo, hi)}" for op, v, lo, hi in
                    zip(checks["op"], checks["rhs_value"], checks["rhs_lo"], checks["rhs_hi"])],
        "Verdict": [("holds" if h else "FAILS") + ("" if h == s else f" (strict: {'holds' if s else 'fails'})")
                    for h, s in zip(checks["holds"], checks["holds_strict"])],
        "A one-unit error is caught in": [_guarded(ds, lhs, rhs, guarded) for lhs, rhs, guarded in
                                          zip(checks["lhs"], checks["rhs"], checks["figures_guarded"])],
    })


def audit_apart_frame(ds, result: pd.DataFrame) -> pd.DataFrame:
    """The relations reported apart (identities, counts of names, bounds), one line each."""
    apart = result[result["group"] != "could fail"]
    order = {"identity": 0, "count of names": 1, "bound": 2}
    apart = apart.assign(order=apart["group"].map(order)).sort_values(["order", "program"], kind="stable")
    return pd.DataFrame({
        "Kind": apart["group"].to_numpy(),
        "Program": ds.programs.loc[apart["program"], "name_en"].to_numpy(),
        "Relation": apart["description_en"].to_numpy(),
        "As printed": [f"{_side(lhs, ds)} {_SIGN[op]} {_side(rhs, ds)}"
                       for lhs, op, rhs in zip(apart["lhs"], apart["op"], apart["rhs"])],
        "Verdict": [("holds" if h else "FAILS") + ("" if h == s else f" (strict: {'holds' if s else 'fails'})")
                    for h, s in zip(apart["holds"], apart["holds_strict"])],
    })
