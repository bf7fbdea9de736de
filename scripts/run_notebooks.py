"""Execute the book's notebooks that need it, in parallel, before Sphinx reads them (tenprograms.build.runner).

    python scripts/run_notebooks.py            # check the data and stored outputs, execute what is stale
    python scripts/run_notebooks.py --check    # fail, naming each stale notebook and what changed (make test)
    python scripts/run_notebooks.py --all NB   # execute these notebooks (every one by default)
"""
from __future__ import annotations

import sys

from tenprograms.build.runner import main

if __name__ == "__main__":
    sys.exit(main())
