"""Every chart has its data file: the numbers it draws, tidy, and a metadata file; the site links it."""
from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from notebooks import book_notebooks  # noqa: E402

from tenprograms.build.ledger import glued_values  # noqa: E402
from tenprograms.data.paths import REPO_ROOT  # noqa: E402
from tenprograms.render import figdata  # noqa: E402


def test_the_data_file_holds_what_the_chart_draws(tmp_path):
    fig, ax = plt.subplots()
    ax.barh(["schools", "kindergartens"], [4, 11], label="completed")
    ax.barh(["schools", "kindergartens"], [13, 6], left=[4, 11], label="under construction")
    ax.plot([1, 2], [0.5, 1.5], label="a line")
    ax.set(title="Projects by status", xlabel="Projects")
    path = figdata.write("fig_probe", fig, folder=tmp_path, caveat="a test")
    plt.close(fig)
    frame = figdata.tidy(fig)
    bars = frame.dropna(subset=["value"])
    assert sorted(bars["value"]) == [4, 6, 11, 13]
    assert set(bars.loc[bars["series"] == "under construction", "start"]) == {4, 11}
    assert set(bars["category"]) == {"schools", "kindergartens"}
    assert len(frame.dropna(subset=["x"])) == 2
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["title"] == "Projects by status" and meta["axes"] == ["Projects"] and meta["caveat"] == "a test"


def test_every_chart_of_the_book_has_its_data_and_metadata():
    charts = 0
    for path in book_notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for key, value in glued_values(nb).items():
            if value != "[figure]":
                continue
            charts += 1
            folder = path.parent / figdata.FOLDER
            assert (folder / f"{key}.csv").exists(), f"{path.name}: chart {key} has no {figdata.FOLDER}/{key}.csv"
            meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
            assert {"title", "axes", "metric_ids_matching", "derivation", "caveat"} <= set(meta)
    assert charts > 5


def test_the_site_links_the_data_under_each_figure(built_html):
    site = REPO_ROOT / "_build" / "html"
    pages = list(site.rglob("*.html"))
    assert pages, "the site is not built: run `make book`"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        figures = html.count('<figure class="align-default" id="fig-')
        # the Chinese edition (site/zh/) links the Chinese drawing's data, in Chinese
        chinese = "zh" in page.relative_to(site).parts[:1]
        links = html.count('<p class="figure-data">数据：' if chinese else '<p class="figure-data">Data: ')
        assert links == figures, f"{page.relative_to(site)}: {figures} figures, {links} data links"
        if chinese and figures:
            assert any(f"{at}zh.csv" in html for at in ("@", "&#64;", "%40")), f"{page}: not the Chinese data"


def test_a_chart_is_drawn_once_for_both_formats():
    """The PDF for the book and the PNG for the site come from one drawing: the PNG is the PDF
    rasterised, and the figure is saved once however many formats are asked for."""
    from tenprograms import plot

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar(["a", "b"], [1, 2])
    calls = []
    original = fig.savefig
    fig.savefig = lambda *a, **k: (calls.append(k.get("format")), original(*a, **k))[1]
    pdf = plot.figure_pdf(fig)
    png = plot.figure_png(fig)
    plt.close(fig)
    assert calls == ["pdf"], calls
    assert pdf.startswith(b"%PDF") and png.startswith(b"\x89PNG")
