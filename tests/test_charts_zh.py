"""The Chinese edition's charts (issue 31 items 1-2): every chart glued in English is glued in Chinese as
`<key>@zh`, drawn from the same numbers, with Chinese titles, axes, legends, ticks and annotations and
Chinese number and date formats; its figure-data/<key>@zh.json has a Chinese title."""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

import pypdfium2  # noqa: E402

from tenprograms.analysis.assessment import load_assessment  # noqa: E402
from tenprograms.analysis.grades import scorecard  # noqa: E402
from tenprograms.data.dataset import load_dataset  # noqa: E402
from tenprograms.render import charts, labels_zh, plot  # noqa: E402

BOOK = Path(__file__).resolve().parents[1] / "book"
PDF = "application/papermill.record/application/pdf"
CJK = re.compile(r"[\u4e00-\u9fff]")
#: English words a Chinese chart must not show (axis words, legend words, month names).
DENY = ("Share", "Target", "target", "January", "Jan", "Aug", "implied", "Market", "Days", "days", "Grade", "Visits",
        "Projects", "Percent", "figures", "lockdown", "average", "reported", "planned", "Registered", "thousands")
#: The Latin a Chinese chart may show: PM2.5, PM10, µg/m³, A级景区, 读法A/B, the marks †A/†B/†C.
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(text: str) -> list[str]:
    return sorted(set(ENGLISH_WORD.findall(text)) | {w for w in DENY if w in text})


def glued_figures() -> dict[str, dict[str, bytes]]:
    """Every figure the executed notebooks glue: {notebook: {key: the glued PDF}}."""
    found = {}
    for path in sorted(BOOK.rglob("*.ipynb")):
        if "_build" in path.parts:
            continue
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                name = output.get("metadata", {}).get("scrapbook", {}).get("name")
                if name and PDF in output.get("data", {}):
                    found.setdefault(str(path.relative_to(BOOK)), {})[name] = base64.b64decode(output["data"][PDF])
    return found


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    return "".join(page.get_textpage().get_text_range() for page in document)


def figure_text(fig) -> str:
    """Every string a drawn figure shows: titles, axis labels, tick labels, legends, annotations."""
    fig.canvas.draw()
    return "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


GLUED = glued_figures()


def test_every_english_chart_has_a_chinese_variant():
    assert GLUED, "no glued figure found in the executed notebooks"
    missing = [f"{nb}: {key}" for nb, keys in GLUED.items() for key in keys
               if not key.endswith(labels_zh.SUFFIX) and key + labels_zh.SUFFIX not in keys]
    assert not missing, f"charts glued in English without a Chinese drawing (<key>@zh): {missing}"
    orphans = [f"{nb}: {key}" for nb, keys in GLUED.items() for key in keys
               if key.endswith(labels_zh.SUFFIX) and key.removesuffix(labels_zh.SUFFIX) not in keys]
    assert not orphans


@pytest.mark.parametrize("notebook,key", [(nb, k) for nb, keys in GLUED.items() for k in keys
                                          if k.endswith(labels_zh.SUFFIX)])
def test_the_chinese_drawing_speaks_chinese(notebook, key):
    text = pdf_text(GLUED[notebook][key])
    assert CJK.search(text), f"{notebook} {key}: no Chinese in the chart"
    assert not english_words(text), f"{notebook} {key}: English words in the Chinese chart: {english_words(text)}"
    english = pdf_text(GLUED[notebook][key.removesuffix(labels_zh.SUFFIX)])
    assert english_words(english), f"{notebook} {key}: the English drawing shows no English (test cannot fail)"


def test_each_chinese_figure_data_file_has_a_chinese_title():
    english = [p for p in BOOK.rglob("figure-data/*.json") if not p.stem.endswith(labels_zh.SUFFIX)]
    assert english
    for path in english:
        zh = path.with_name(path.stem + labels_zh.SUFFIX + ".json")
        assert zh.exists(), f"{zh} missing"
        meta = json.loads(zh.read_text(encoding="utf-8"))
        assert CJK.search(meta["title"]) and not english_words(meta["title"]), (zh, meta["title"])
        assert CJK.search(meta["caveat"]), (zh, meta["caveat"])
        assert zh.with_suffix(".csv").exists()


# ---------------------------------------------------------------- the package's chart functions

@pytest.fixture(scope="module")
def ds():
    plot.use_book_theme()
    return load_dataset()


@pytest.fixture(scope="module")
def card(ds):
    return scorecard(ds, load_assessment(ds))


def drawings(ds, card):
    yield "scorecard", lambda lang: charts.plot_scorecard(card, lang=lang, ds=ds)
    yield "periods", lambda lang: charts.plot_periods(ds, lang)
    yield "calendar", lambda lang: charts.plot_calendar(ds, lang)
    flows = {"prev": 451_000, "registrations": 60_000, "aug_dec": 40_000, "exits_floor": 10_500, "stock": 500_000,
             "target": 600_000, "monthly_needed": 20_000, "monthly_past": 4_100}
    yield "market", lambda lang: charts.plot_market_flows(flows, 2020, "†C", lang=lang)


@pytest.mark.parametrize("name", ["scorecard", "periods", "calendar", "market"])
def test_chart_functions_draw_chinese(ds, card, name):
    draw = dict(drawings(ds, card))[name]
    zh, en = figure_text(draw("zh")), figure_text(draw("en"))
    assert CJK.search(zh)
    assert not english_words(zh), f"{name}: English words in the Chinese drawing: {english_words(zh)}"
    assert english_words(en), f"{name}: the English drawing shows no English"
    matplotlib.pyplot.close("all")


def test_market_flows_in_wan(ds, card):
    text = figure_text(dict(drawings(ds, card))["market"]("zh"))
    # 500,000 (one decimal in thousands: two in 万), the 600,000 target, the gap of 100,000 in 万户
    assert "50.00万" in text and "\n60万" in text and "缺口10万户" in text and "k" not in text
    matplotlib.pyplot.close("all")


def test_chinese_formats():
    assert labels_zh.number(509_200) == "50.92万"
    assert labels_zh.number(1.72e8) == "1.72亿"
    assert labels_zh.number(4500) == "4500"
    assert labels_zh.number(100_000) == "10万" and labels_zh.number(100_000, 2) == "10.00万"
    assert labels_zh.date("2020-08-27") == "2020年8月27日"
    assert labels_zh.months("2020-01-01", "2020-07-31") == "1—7月"
    assert labels_zh.points(21) == "21个百分点"
    assert labels_zh.key("fig_x", "zh") == "fig_x@zh" and labels_zh.key("fig_x", "en") == "fig_x"


def test_an_unknown_language_or_phrase_is_an_error():
    with pytest.raises(ValueError, match="language"):
        labels_zh.pick("fr", "a", "b")
    assert labels_zh.tile_label("report + 2018 target†C") == "报告＋\n2018年目标†C"
    with pytest.raises(KeyError, match="TILE_PHRASES"):
        labels_zh.tile_label("a new grade†C")


def test_glossary_terms_are_checked(ds):
    assert labels_zh.term(ds, "市场主体") == "市场主体"
    with pytest.raises(KeyError, match="glossary"):
        labels_zh.term(ds, "不存在的术语")
