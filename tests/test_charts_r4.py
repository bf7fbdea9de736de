"""Round 4 charts: the campaign calendar, the lockdown band, the market entities' flows, one encoding of
implied values, a scorecard legend true of every tile, the lockdown's length at its dates' precision."""
from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from tenprograms.analysis import calendar  # noqa: E402
from tenprograms.analysis.assessment import load_assessment  # noqa: E402
from tenprograms.analysis.grades import DIMENSIONS, scorecard  # noqa: E402
from tenprograms.data import facts  # noqa: E402
from tenprograms.data.dataset import load_dataset  # noqa: E402
from tenprograms.render import charts, figdata, plot  # noqa: E402
from tenprograms.render import derived as derived_numbers  # noqa: E402

BOOK = Path(__file__).resolve().parents[1] / "book"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_calendar_events_come_from_the_data(ds):
    events = calendar.campaign_events(ds)
    launch = ds.context.loc["ctx_programs_launch", "reference_date"]
    assert events.iloc[0]["start"] == launch
    first, last = calendar.lockdown(ds)
    lock = events[events["lane"] == "The epidemic"].iloc[0]
    assert (lock["start"], lock["end"]) == (first, last) and lock["mark"].startswith("†")
    windows = events[events["kind"] == "window"]
    assert set(windows["label"]) == set(calendar.REPORT_WINDOWS)
    # every 2020 window of the report contains the lockdown: the calendar's point
    assert (windows["start"] <= first).all() and (windows["end"] >= last).all()
    assert events.query("lane == 'After the report'")["mark"].str.match(r"†[ABC]").all()


def test_calendar_names_a_missing_window(ds, monkeypatch):
    monkeypatch.setattr(calendar, "REPORT_WINDOWS", ("上半年", "no such window"))
    with pytest.raises(ValueError, match="data/metrics.csv.*no such window"):
        calendar.campaign_events(ds)


def test_lockdown_length_has_the_precision_its_dates_allow(ds):
    lo = derived_numbers.evaluate_one(ds, "lockdown_weeks_lo")
    hi = derived_numbers.evaluate_one(ds, "lockdown_weeks_hi")
    exact = derived_numbers.evaluate_one(ds, "lockdown_weeks").value
    assert lo.value <= exact <= hi.value and hi.value - lo.value <= 1
    rough = derived_numbers.evaluate_one(ds, "lockdown_share_first_half_rough")
    assert not any(ch.isdigit() for ch in rough.text)      # a fraction word, no false precision
    assert calendar.rough_fraction(34.07) == "a third" and calendar.rough_fraction(52) == "half"
    with pytest.raises(ValueError):
        calendar.rough_fraction(120)


def test_lockdown_band_on_the_periods_chart_and_in_its_data(ds, tmp_path):
    plot.use_book_theme()
    fig = charts.plot_periods(ds)
    frame = figdata.tidy(fig)
    band = frame[frame["series"].str.startswith("Hubei lockdown")]
    first, last = calendar.lockdown(ds)
    assert not band.empty
    assert f"{first:%Y-%m-%d}" in set(frame["x"].dropna())          # a date, as the data file writes it
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any(label.startswith("Hubei lockdown†") for label in labels)


def test_market_flows_close_on_the_printed_stock(ds):
    plot.use_book_theme()
    val = {k: derived_numbers.evaluate_one(ds, k).value for k in
           ("market_prev_stock", "market_registrations_aug_dec_at_pace", "market_exits_floor",
            "market_monthly_gain_needed", "market_monthly_net_gain")}
    v = {"prev": val["market_prev_stock"], "registrations": ds.value("market_new_registrations_total"),
         "aug_dec": val["market_registrations_aug_dec_at_pace"], "exits_floor": val["market_exits_floor"],
         "stock": ds.value("market_stock_total"), "target": facts.value(ds, "ctx_target_market_entities"),
         "monthly_needed": val["market_monthly_gain_needed"],
         "monthly_past": val["market_monthly_net_gain"]}
    fig = charts.plot_market_flows(v, 2020, "†C")
    bars = figdata.tidy(fig).dropna(subset=["value"])
    ups = bars["value"] + bars["start"]
    # the steps join: the top of the Aug–Dec registrations is the top of the exits; the exits end on the stock
    assert ups.round(6).tolist().count(round((v["prev"] + v["registrations"] + v["aug_dec"]) / 1e3, 6)) == 2
    assert round(v["stock"] / 1e3, 6) in bars["start"].round(6).tolist()
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert plot.IMPLIED_LABEL in legend


def test_scorecard_legend_is_true_of_every_tile(ds):
    card = scorecard(ds, load_assessment(ds))
    colours = {"full": "k", "partial": "grey", "none": "white"}
    labels = [h.get_label() for h in charts.scorecard_legend(card, colours)]
    shown = {card[key].iloc[r] for r in range(len(card)) for key in DIMENSIONS}
    assert len([lab for lab in labels if not lab.startswith("†")]) == len(shown)
    assert "the report shows it" not in labels       # the old legend: false of the tiles with a † target
    assert any(lab.startswith("†") for lab in labels)
    only_full = card.copy()
    for key in DIMENSIONS:
        only_full[key] = "full"
    assert [h.get_label() for h in charts.scorecard_legend(only_full, colours) if "†" not in h.get_label()] == ["in full"]


@pytest.mark.parametrize("name", ["fig_context_calendar"])
def test_new_chart_has_its_data_file(name):
    folder = BOOK / figdata.FOLDER
    frame = pd.read_csv(folder / f"{name}.csv")
    meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    assert len(frame) > 5 and meta["figure"] == name


def test_dropped_three_number_charts_stay_dropped():
    for page, name in (("programs/01-growth.ipynb", "fig_growth_relief"),
                       ("programs/06-livelihood.ipynb", "fig_livelihood_households")):
        assert name not in (BOOK / page).read_text(encoding="utf-8")
