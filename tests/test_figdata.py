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


def test_a_time_axis_is_written_as_dates(tmp_path):
    """A place on a time axis is its date in the data file, a bar's length on it days (the files held
    matplotlib's day numbers, 18262.0 for 1 January 2020, and month ticks as categories)."""
    import matplotlib.dates as mdates
    import pandas as pd

    fig, ax = plt.subplots()
    start, end = pd.Timestamp("2020-01-23"), pd.Timestamp("2020-03-25")
    ax.barh(["lockdown"], [(end - start).days], left=[mdates.date2num(start)], label="a span")
    ax.plot(mdates.date2num([start, end]), [82.5, 82.5], label="a share")
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    frame = figdata.tidy(fig)
    plt.close(fig)
    bar = frame.dropna(subset=["value"]).iloc[0]
    assert (bar["category"], bar["value"], bar["start"]) == ("lockdown", 62, "2020-01-23")
    line = frame[frame["series"] == "a share"]
    assert list(line["x"]) == ["2020-01-23", "2020-03-25"] and set(line["category"]) == {""}


def test_the_calendar_gives_its_events_with_dates():
    """The campaign calendar draws events, not values: its data file lists them, with their dates and
    marks, in each edition's words; its alt text reads them out."""
    import csv

    from tenprograms.sphinxext import chartalt

    folder = REPO_ROOT / "book" / figdata.FOLDER
    for name, words in (("fig_context_calendar", "lockdown"), ("fig_context_calendar@zh", "封控")):
        rows = list(csv.DictReader(open(folder / f"{name}.csv", encoding="utf-8")))
        assert set(rows[0]) == {"lane", "event", "start", "end", "mark"}
        lockdown = next(r for r in rows if r["event"] == words)
        assert (lockdown["start"], lockdown["end"], lockdown["mark"]) == ("2020-01-23", "2020-03-25", "†A")
        sentence = chartalt.values_sentence(folder / f"{name}.csv", "zh" if "@zh" in name else "en")
        assert f"{words}†A 2020-01-23–2020-03-25" in sentence


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
