"""The claims' verdicts in words: the cells of Table 1 and the table of the page of claims.

Internal consistency and outside evidence are never merged into one grade: a check that holds says
the figures agree with each other, not that they are true; an outside verdict names its facts, each
with its source grade (†A, †B, †C).
"""
from __future__ import annotations

import pandas as pd

from ..analysis.claims import claims, internal_checks, outside_facts
from ..data import facts
from . import fmt
from .bilingual import both, claims_table_zh
from .tables import Table, markdown_escape

#: What a check of each kind shows when it holds, in words without numbers.
CHECK_WORDS = {
    "sum": "the parts add up to the total",
    "share": "the printed shares match their parts",
    "ratio": "the rate matches its count",
    "difference": "the change matches last year's figures",
}


def internal_words(row: pd.Series, audit_result: pd.DataFrame) -> str:
    """Verdict two in words: which kinds of check cover the claim and whether they hold, or none."""
    checks = internal_checks(row, audit_result)
    if not len(checks):
        return "None that could fail"
    words = list(dict.fromkeys(CHECK_WORDS[c] for c in checks["check"]))
    verdict = "Consistent" if checks["holds"].all() else "Inconsistent"
    return f"{verdict}: " + "; ".join(words)


def internal_short(row: pd.Series, audit_result: pd.DataFrame) -> str:
    """Verdict two in a word or two, for the printed table: 'none', or 'holds (sum, share)'."""
    checks = internal_checks(row, audit_result)
    if not len(checks):
        return "none"
    verdict = "holds" if checks["holds"].all() else "fails"
    return f"{verdict} ({', '.join(dict.fromkeys(checks['check']))})"


def marks(ds, row: pd.Series, myst: bool = True) -> str:
    """The marks of the facts behind the outside verdict: {ctx} roles (MyST) or †A/†B/†C (plain)."""
    found = outside_facts(ds, row)
    if myst:
        return "".join(f"{{ctx}}`{f['fact_id']}`" for f in found)
    return "".join(facts.mark(ds, f["fact_id"]) for f in found)


def grades(ds, row: pd.Series) -> str:
    """The grades of the facts behind the outside verdict, best first and once each: 'A, C'."""
    return ", ".join(sorted({f["grade"] for f in outside_facts(ds, row)}))


def outside_words(ds, row: pd.Series, myst: bool = True, reason: bool = True, capital: bool = True) -> str:
    """Verdict three in words: the verdict, the reason (optional) and the facts' marks with their grades."""
    verdict = row["outside_evidence"]
    verdict = verdict.capitalize() if capital else verdict
    if row["outside_evidence"] == "none found":
        return verdict
    text = verdict + marks(ds, row, myst)
    if reason:
        text += ": " + (markdown_escape(row["reason"]) if myst else row["reason"])
    return text


def program_outside_words(ds, headline_row: pd.Series, myst: bool = True) -> str:
    """Table 1's outside-evidence cell: the headline's verdict with its reason, then the program's other
    claims that outside evidence bears on, each by its short name with its verdict and grades."""
    text = outside_words(ds, headline_row, myst)
    frame = claims(ds)
    others = frame[(frame["program"] == headline_row["program"]) & (frame["headline"] != "yes")
                   & (frame["outside_evidence"] != "none found")]
    if len(others):
        items = [f"{markdown_escape(r['short_en']) if myst else r['short_en']}: "
                 f"{outside_words(ds, r, myst, reason=False, capital=False)}" for _, r in others.iterrows()]
        text = text.rstrip(".") + ". Other claims: " + "; ".join(items) + "."
    return text


def claims_frame(ds, audit_result: pd.DataFrame, myst: bool = True) -> pd.DataFrame:
    """Every claim with its verdicts, in the report's order, for the page of claims."""
    rows = []
    for _, row in claims(ds).iterrows():
        name = ds.program(int(row["program"]))["name_en"]
        rows.append({
            "program": int(row["program"]), "Program": name,
            "Claim": fmt.capitalise(markdown_escape(row["quote_en"]) if myst else row["quote_en"])
                     + (" (headline)" if row["headline"] == "yes" else ""),
            "Short": fmt.capitalise(markdown_escape(row["short_en"]) if myst else row["short_en"])
                     + (" (headline)" if row["headline"] == "yes" else ""),
            "Kind, printed": row["kind"] if row["kind"] == row["printed"] else f"{row['kind']}, {row['printed']}",
            "Checks": internal_short(row, audit_result),
            "Report's words": markdown_escape(row["quote"]) if myst else row["quote"],
            "Kind": row["kind"],
            "Printed": row["printed"],
            "Checks inside the report": internal_words(row, audit_result),
            "Outside evidence": outside_words(ds, row, myst, reason=False),
            "Why": markdown_escape(row["reason"]) if myst else row["reason"],
        })
    return pd.DataFrame(rows)


def claims_tables(ds, audit_result: pd.DataFrame, caption: str, name: str, caption_zh: str = ""):
    """The page's table, grouped by program: the full table on the site, a compact one in the PDF; with
    `caption_zh`, also the Chinese edition's (render/bilingual.py), shown in its build only. Two
    targets of one name would clash (both are read, one is built): the PDF's is `<name>-print`, which
    tests/test_weight_pdf.py reads as the same table."""
    frame = claims_frame(ds, audit_result)
    frame["Claim"] = frame["Claim"] + " — " + frame["Kind, printed"]
    full = _grouped(frame, "Claim")[["Claim", "Report's words", "Checks inside the report", "Outside evidence", "Why"]]
    compact = _grouped(frame, "Short")[["Short", "Kind, printed", "Checks", "Outside evidence"]]
    compact = compact.rename(columns={"Short": "Claim", "Checks": "Checks inside"})
    raw = ["Claim", "Report's words", "Outside evidence", "Why"]
    english = OnlyTables(Table(full, caption, name=name, widths=[0.26, 0.22, 0.14, 0.12, 0.26], raw=raw),
                         Table(compact, caption, name=f"{name}-print", widths=[0.36, 0.24, 0.2, 0.2], raw=raw))
    if not caption_zh:
        return english
    chinese = claims_table_zh(ds, audit_result, caption_zh, name)
    return both(english, OnlyTables(chinese, claims_table_zh(ds, audit_result, caption_zh, f"{name}-print", why=False)))


def _grouped(frame: pd.DataFrame, first: str) -> pd.DataFrame:
    """Rows grouped by program, each group opened by a row that names the program in bold (in `first`)."""
    out = []
    for _, group in frame.groupby("program", sort=True):
        out.append({c: "" for c in frame.columns} | {first: f"**{markdown_escape(group['Program'].iloc[0])}**"})
        out.extend(group.to_dict("records"))
    return pd.DataFrame(out, columns=frame.columns)


class OnlyTables:
    """Two versions of one numbered table: the first on the HTML site, the second in the PDF."""

    def __init__(self, html: Table, latex: Table):
        self.html, self.latex = html, latex

    def __repr__(self) -> str:
        return repr(self.html)

    def _repr_markdown_(self) -> str:
        return (f"::::{{only}} html\n{self.html._repr_markdown_()}\n::::\n\n"
                f"::::{{only}} latex\n{self.latex._repr_markdown_()}\n::::")
