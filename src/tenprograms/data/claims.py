"""The claims table (data/claims.csv): content rules a schema cannot state.

Each claim the book evaluates has a verbatim quote, the evidence it rests on (figures, relations,
outside facts, by id) and three separate verdicts: what is printed, which of the audit's checks that
could fail cover it (internal consistency, which is not trust), and what evidence from outside the
report says. The rules here make the verdicts answer to the ids they name:

- the quote is found verbatim on its source line, inside its program's lines;
- every metric, relation and fact id exists (file, row and column named when one does not);
- `internally_consistent` lists exactly the checks that could fail (sums, shares, ratios,
  differences) among the relations that involve the claim's figures — "none" only when there are none;
- `outside_evidence` names its facts unless it is "none found", and names none then;
- a printed figure names its figures, a plan is a plan, the reason types no digit;
- each program has exactly one headline claim.
"""
from __future__ import annotations

import re

from .errors import Problem
from .expressions import ExpressionError, referenced_ids
from .paths import data_dir, display_path

#: The relation kinds (relations.csv column `check`) whose check could fail: a sum, a share, a ratio,
#: a difference. Bounds, counts of named items and identities cannot catch an error (analysis/audit.py
#: GROUPS says the same; tests/test_claims.py keeps the two in step).
COULD_FAIL_CHECKS = frozenset({"sum", "share", "ratio", "difference"})

#: Columns holding space-separated ids, and the table each id must be in.
ID_COLUMNS = {"metric_ids": "metrics", "relation_ids": "relations", "fact_ids": "context",
              "outside_fact_ids": "context"}
_KEYS = {"metrics": "metric_id", "relations": "relation_id", "context": "fact_id"}
_FILES = {"metrics": "metrics.csv", "relations": "relations.csv", "context": "context.csv"}


def ids(cell) -> list[str]:
    """The ids of a space-separated cell ('' or None → [])."""
    return str(cell or "").split()


def check_claims(tables: dict[str, list[dict]], source_lines: list[str], problems: list[Problem]) -> None:
    """Append a Problem (file, row, column) for every claim that breaks a content rule."""
    rows = tables.get("claims")
    if rows is None:
        return
    file = display_path(data_dir() / "claims.csv")
    known = {t: {r[_KEYS[t]] for r in tables.get(t, [])} for t in _KEYS}
    relations = {r["relation_id"]: r for r in tables.get("relations", []) if r["relation_id"]}
    programs = {p["program"]: p for p in tables.get("programs", [])}
    headlines: dict[int, list[int]] = {}
    for row in rows:
        label = f"line {row['__line__']} (claim_id={row.get('claim_id')})"

        def report(column: str, message: str, label=label) -> None:
            problems.append(Problem(file, label, column, message))

        program = programs.get(row["program"])
        # a missing slug is reported on programs.csv; a claim cannot be checked against it
        if program and program["slug"] and row["claim_id"] and not row["claim_id"].startswith(program["slug"] + "_"):
            report("claim_id", f"should start with the program slug '{program['slug']}_'")
        if row["headline"] == "yes" and row["program"] is not None:
            headlines.setdefault(row["program"], []).append(row["__line__"])
        _check_quote(row, program, source_lines, report)
        for column, table in ID_COLUMNS.items():
            for ident in ids(row[column]):
                if ident not in known[table]:
                    report(column, f"unknown {_KEYS[table]} '{ident}' (not in data/{_FILES[table]})")
        _check_internal(row, relations, report)
        outside = ids(row["outside_fact_ids"])
        if row["outside_evidence"] == "none found" and outside:
            report("outside_fact_ids", "names facts, but outside_evidence is 'none found'")
        elif row["outside_evidence"] not in (None, "none found") and not outside:
            report("outside_fact_ids", f"is empty, but outside_evidence '{row['outside_evidence']}' needs its facts")
        metrics = ids(row["metric_ids"])
        if row["printed"] not in (None, "words only") and not metrics:
            report("metric_ids", f"is empty, but printed is '{row['printed']}': name the figures printed")
        if row["printed"] == "plan" and row["kind"] != "plan":
            report("kind", f"'{row['kind']}' printed as a plan: a plan is a plan")
        if row["reason"] and re.search(r"[0-9０-９]", row["reason"]):
            report("reason", "types a number: name the figure or fact by its id instead")
    for number in programs:
        lines = headlines.get(number, [])
        if len(lines) != 1:
            where = f"lines {', '.join(map(str, lines))}" if lines else f"program {number}"
            problems.append(Problem(file, where, "headline",
                                    f"program {number} has {len(lines)} headline claims; it needs exactly one"))


def _check_quote(row, program, source_lines, report) -> None:
    number, quote = row["line"], row["quote"]
    if number is None or not quote:
        return
    if not 1 <= number <= len(source_lines) or quote not in source_lines[number - 1]:
        report("quote", f"'{quote}' is not found verbatim on source line {number}")
    if program and program["first_line"] is not None and program["last_line"] is not None:
        if not program["first_line"] <= number <= program["last_line"]:
            report("line", f"line {number} is outside program {row['program']}'s lines "
                           f"{program['first_line']}-{program['last_line']}")


def _touches(relation: dict, metric_ids: set[str]) -> bool:
    try:
        used = set(referenced_ids(relation["lhs"] or "") + referenced_ids(relation["rhs"] or ""))
    except ExpressionError:
        return False
    return bool(used & metric_ids)


def _check_internal(row, relations: dict, report) -> None:
    """internally_consistent: exactly the could-fail checks among the relations on the claim's figures."""
    cell = row["internally_consistent"]
    if cell is None:
        return
    listed = [] if cell == "none" else ids(cell)
    evidence = set(ids(row["relation_ids"]))
    figures = set(ids(row["metric_ids"]))
    for ident in listed:
        rel = relations.get(ident)
        if rel is None:
            report("internally_consistent", f"unknown relation_id '{ident}' (not in data/relations.csv)")
        elif rel["check"] not in COULD_FAIL_CHECKS:
            report("internally_consistent", f"'{ident}' is a {rel['check']} check, which cannot fail: "
                                            "list only sums, shares, ratios and differences")
        elif ident not in evidence:
            report("internally_consistent", f"'{ident}' is not among the claim's relation_ids")
    missing = [r for r, rel in relations.items()
               if rel["check"] in COULD_FAIL_CHECKS and r not in listed and _touches(rel, figures)]
    if missing:
        report("internally_consistent", f"leaves out {', '.join(missing)}, which could fail and involve the "
                                        "claim's figures (list them here and in relation_ids)")
