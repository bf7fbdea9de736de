"""Execute notebooks in place so their stored outputs are current (kept for old instructions):
the same as `python scripts/run_notebooks.py --all <notebooks>`, which also records what each read."""
from __future__ import annotations

import sys

import run_notebooks

if __name__ == "__main__":
    sys.exit(run_notebooks.main(["--all", *sys.argv[1:]]))
