"""Each make target asks only for what it needs: `make html` needs no TeX and no browser."""
from __future__ import annotations

import os
import re
import subprocess

from tenprograms.data.paths import REPO_ROOT

TEX_OR_BROWSER = re.compile(r"texlive|latexmk|chromium|poppler")


def packages_for(target: str) -> list[str]:
    """What ensure-system-packages.sh would ask for, for a target, on a machine that has nothing
    (a fake dpkg-query that finds no package)."""
    fake = REPO_ROOT / "_build" / "fake-bin"
    fake.mkdir(parents=True, exist_ok=True)
    (fake / "dpkg-query").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (fake / "dpkg-query").chmod(0o755)
    out = subprocess.run(["bash", str(REPO_ROOT / "scripts" / "ensure-system-packages.sh"), str(REPO_ROOT / "apt.txt"), target],
                         capture_output=True, text=True, env={**os.environ, "NO_APT_INSTALL": "1",
                                                              "PATH": f"{fake}:{os.environ['PATH']}"})
    assert out.returncode == 1, out
    return out.stdout.split(":", 1)[1].split()


def test_make_html_needs_no_tex_and_no_browser():
    html = packages_for("html")
    assert html and not [p for p in html if TEX_OR_BROWSER.search(p)], html
    assert {"texlive-xetex", "latexmk"} <= set(packages_for("pdf")) and "chromium" not in packages_for("pdf")
    assert "chromium" in packages_for("test")
    # and the html target's recipe asks for the html packages only and never runs LaTeX
    dry = subprocess.run(["make", "-n", "-B", "html"], cwd=REPO_ROOT, capture_output=True, text=True).stdout
    assert "ensure-system-packages.sh apt.txt html" in dry
    assert not re.search(r"ensure-system-packages\.sh apt\.txt (pdf|test)|xelatex|pdflatex", dry), dry
