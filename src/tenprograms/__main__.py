"""Command line: `python -m tenprograms validate | audit | census`."""
from __future__ import annotations

import argparse
import sys

from .analysis.audit import audit
from .data.census import census, unused_exclusions
from .data.dataset import load_dataset
from .data.errors import DataValidationError
from .render import fmt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tenprograms", description=__doc__)
    parser.add_argument("command", choices=["validate", "audit", "census"])
    parser.add_argument("--data", help="data folder (default: the repo's data/ or $TENPROGRAMS_DATA)")
    args = parser.parse_args(argv)
    try:
        ds = load_dataset(args.data)
    except DataValidationError as exc:
        print(f"validation FAILED\n{exc}", file=sys.stderr)
        return 1
    if args.command == "validate":
        print(f"data OK: {len(ds.programs)} programs, {len(ds.metrics)} figures, {len(ds.relations)} relations, "
              f"{len(ds.glossary)} glossary terms, {len(ds.units)} units; source sha256 {ds.manifest['sha256'][:12]}…")
        return 0
    if args.command == "audit":
        return _print_audit(audit(ds))
    occurrences = census(ds)
    missing = [o for o in occurrences if not o.covered_by]
    for o in missing:
        text = ds.source_lines[o.line - 1]
        print(f"line {o.line}, char {o.start}: numeral '{o.numeral}' "
              f"(…{text[max(0, o.start - 4):o.start + len(o.numeral) + 4]}…) is neither a figure nor excluded")
    stale = unused_exclusions(ds)
    for s in stale:
        print(f"data/numeral_exclusions.csv: line {s['line']} numeral '{s['numeral']}' is listed {s['listed']} time(s) "
              f"but occurs unexcused only {s['used']} time(s)")
    arabic = sum(o.numeral[:1].isdigit() for o in occurrences)
    print(f"{len(occurrences)} numerals in the source ({arabic} Arabic, {len(occurrences) - arabic} Chinese): "
          f"{sum(o.covered_by.startswith('metric:') for o in occurrences)} figures, "
          f"{sum(o.covered_by.startswith('exclusion:') for o in occurrences)} excluded with a reason, "
          f"{len(missing)} not classified.")
    return 1 if missing or stale else 0


#: The relations reported apart from the checks: not evidence that the report's arithmetic is right.
APART = {
    "identity": "identities: the same count printed in two places",
    "count of names": "counts of the items a sentence names against the count it prints",
    "bound": "bounds: one figure cannot exceed another (they fail only on gross errors)",
}


def _print_audit(result) -> int:
    """The checks that could fail first (the audit's result), then the others apart; exit 1 on a failure."""
    def show(rows):
        for r in rows.itertuples(index=False):
            verdict = "holds" if r.holds else "FAILS"
            strict = "" if r.holds_strict == r.holds else f" (strict reading: {'holds' if r.holds_strict else 'FAILS'})"
            print(f"  [{verdict}] {r.relation_id}: {r.lhs} {r.op} {r.rhs}{strict}\n"
                  f"          {_iv(r.lhs_value, r.lhs_lo, r.lhs_hi)} {r.op} {_iv(r.rhs_value, r.rhs_lo, r.rhs_hi)}")
    checks = result[result["group"] == "could fail"]
    print(f"Checks that could fail ({len(checks)}): sums, shares, ratios and differences")
    show(checks)
    weak = checks[~checks["catches_one_unit"]]
    print(f"  {int(checks['holds'].sum())} of {len(checks)} hold; "
          f"{len(checks) - len(weak)} would catch an error of one unit in one of their figures.")
    for group, label in APART.items():
        rows = result[result["group"] == group]
        print(f"\nApart, {label} ({len(rows)})")
        show(rows)
    failed = result[~result["holds"]]
    if len(failed):
        print(f"\nFAILED: {', '.join(failed['relation_id'])}")
        return 1
    return 0


def _iv(mid, lo, hi) -> str:
    if lo == hi:
        return fmt.number(mid, 4).rstrip("0").rstrip(".")
    hi_text = "no ceiling" if hi == float("inf") else fmt.number(hi, 4)
    return f"{fmt.number(mid, 4)} (… {fmt.number(lo, 4)} – {hi_text})"


if __name__ == "__main__":
    sys.exit(main())
