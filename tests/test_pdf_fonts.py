"""The stored chart PDFs do not depend on where the font files live (in another checkout the venv's
DejaVu Sans sorts before /usr/share/fonts' Noto CJK; here after it)."""
from __future__ import annotations

import dataclasses
import os
import shutil

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from tenprograms import plot  # noqa: E402


def _chart_pdf() -> bytes:
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.bar(["市场主体", "exits"], [3, 5])
    ax.set_title("New market entities 新登记")
    pdf = plot.figure_pdf(fig)
    plt.close(fig)
    plot._DRAWN.clear()
    return pdf


def test_a_chart_pdf_does_not_depend_on_where_its_fonts_live(tmp_path, monkeypatch):
    plot.use_book_theme()
    here = _chart_pdf()
    # the same font files seen under another folder, one that sorts before /usr and /work ("/tmp/…")
    # (copies: matplotlib resolves symbolic links)
    moved, copies = [], {}
    for entry in font_manager.fontManager.ttflist:
        if entry.name in plot.FONT_FAMILY and entry.style == "normal" and entry.weight in (400, 700):
            if entry.fname not in copies:
                copies[entry.fname] = tmp_path / os.path.basename(entry.fname)
                shutil.copyfile(entry.fname, copies[entry.fname])
            entry = dataclasses.replace(entry, fname=str(copies[entry.fname]))
        moved.append(entry)
    monkeypatch.setattr(font_manager.fontManager, "ttflist", moved)
    font_manager.fontManager._findfont_cached.cache_clear()
    try:
        there = _chart_pdf()
        assert str(tmp_path) in str(font_manager.findfont(plot.CJK_FONT)), "the test did not move the fonts"
    finally:
        monkeypatch.undo()
        font_manager.fontManager._findfont_cached.cache_clear()
    assert here == there, "the chart's PDF bytes depend on the fonts' folder"
