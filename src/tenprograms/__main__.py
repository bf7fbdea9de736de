"""Command line: `python -m tenprograms validate | audit | census`."""
from __future__ import annotations

import argparse
import sys

from . import fmt
from .audit import audit
from .census import census
from .dataset import load_dataset
from .errors import DataValidationError


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
        result = audit(ds)
        for r in result.itertuples(index=False):
            verdict = "holds" if r.holds else "DOES NOT HOLD"
            print(f"[{verdict:>13}] {r.relation_id}: {r.lhs} {r.op} {r.rhs}\n"
                  f"                {fmt.number(r.lhs_value, 4)} (… {fmt.number(r.lhs_lo, 4)} – {fmt.number(r.lhs_hi, 4)}) "
                  f"{r.op} {fmt.number(r.rhs_value, 4)} (… {fmt.number(r.rhs_lo, 4)} – {fmt.number(r.rhs_hi, 4)})")
        held = int(result["holds"].sum())
        print(f"\n{held} of {len(result)} relations hold within the printed rounding.")
        return 0
    occurrences = census(ds)
    missing = [o for o in occurrences if not o.covered_by]
    for o in missing:
        print(f"line {o.line}, char {o.start}: numeral '{o.numeral}' is neither a figure nor excluded")
    print(f"{len(occurrences) - len(missing)} of {len(occurrences)} numerals accounted for.")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
