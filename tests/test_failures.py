"""Failures are loud: a broken notebook fails the build and is named; a missing system package is
named with its install command; a LaTeX error shows the log lines that matter."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tenprograms.data.paths import REPO_ROOT


def test_a_failing_notebook_fails_the_build_and_is_named(tmp_path):
    """The build executes stale notebooks with scripts/run_notebooks.py: a broken cell stops it, and the
    message names the notebook and the error."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Broken\n"]},
             {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
              "source": ["raise ValueError('deliberately broken cell')\n"]}]
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    broken = tmp_path / "broken.ipynb"
    broken.write_text(json.dumps(nb), encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "run_notebooks.py"), str(broken)],
                            capture_output=True, text=True, cwd=REPO_ROOT,
                            env={**os.environ, "TENPROGRAMS_RECORD": str(tmp_path / "record.json")})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "FAILED" in output and "broken.ipynb" in output and "deliberately broken cell" in output


def test_a_missing_system_package_is_named_with_its_install_command(tmp_path):
    apt_list = tmp_path / "apt.txt"
    apt_list.write_text("bash\ntenprograms-no-such-package\n", encoding="utf-8")
    result = subprocess.run(["bash", str(REPO_ROOT / "scripts" / "ensure-system-packages.sh"), str(apt_list)],
                            capture_output=True, text=True, env={**os.environ, "NO_APT_INSTALL": "1"})
    assert result.returncode == 1
    assert "tenprograms-no-such-package" in result.stdout
    assert "apt-get install -y --no-install-recommends tenprograms-no-such-package" in result.stderr


def test_a_latex_error_shows_the_log_lines(tmp_path):
    log = tmp_path / "_build" / "latex" / "book.log"
    log.parent.mkdir(parents=True)
    log.write_text("This is XeTeX\n(./book.tex\n! Undefined control sequence.\nl.42 \\nosuchmacro\n", encoding="utf-8")
    result = subprocess.run(["bash", str(REPO_ROOT / "scripts" / "show-latex-errors.sh")], cwd=tmp_path,
                            capture_output=True, text=True)
    assert "Undefined control sequence" in result.stderr and "l.42" in result.stderr
