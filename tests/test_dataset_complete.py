"""The dataset is complete and well described: numeral census, data package, glossary coverage."""
from __future__ import annotations

from conftest import read_rows, write_rows

from tenprograms import load_dataset
from tenprograms.data.census import census
from tenprograms.data.paths import REPO_ROOT


def test_every_numeral_of_the_source_is_accounted_for():
    occurrences = census(load_dataset())
    missing = [f"line {o.line}: {o.numeral}" for o in occurrences if not o.covered_by]
    assert len(occurrences) > 150
    assert not missing, f"numerals neither a figure nor excluded: {missing}"


def test_census_catches_a_dropped_row(data_copy):
    path = data_copy / "metrics.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")
    dropped = lines[1].split(",")[0]      # a claim naming the dropped figure is rejected: drop it too
    claims = read_rows(data_copy / "claims.csv")
    col = claims[0].index("metric_ids")
    write_rows(data_copy / "claims.csv", [r for r in claims if dropped not in r[col].split()])
    assert any(not o.covered_by for o in census(load_dataset()))


def test_census_sees_chinese_numerals_anywhere_not_only_before_listed_measure_words():
    """The first census matched only a hand-picked list of following characters and so passed by
    construction: it missed 一条, 一户, 一部, 一批 and every slogan numeral."""
    ds = load_dataset()
    found = {(o.line, o.numeral) for o in census(ds)}
    for line, numeral in [(24, "一"), (30, "一"), (6, "一"), (39, "一"), (20, "十"), (33, "两"), (37, "三"), (44, "十四五")]:
        assert (line, numeral) in found, (line, numeral)
    # the 万/亿 of an Arabic figure is not a Chinese numeral of its own
    assert not any(o.numeral in ("万", "亿") and ds.source_lines[o.line - 1][o.start - 1:o.start].isdigit()
                   for o in census(ds))


def test_census_reports_a_numeral_nobody_classified(data_copy):
    """Drop the exclusion of 进一步 on line 10: the census CLI names the line and the numeral and fails."""
    import subprocess
    import sys

    path = data_copy / "numeral_exclusions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, text in enumerate(lines) if text.startswith("10,一,word"))
    path.write_text("".join(lines[:target] + lines[target + 1:]), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "tenprograms", "census"], capture_output=True, text=True)
    assert out.returncode == 1
    assert "line 10" in out.stdout and "'一'" in out.stdout and "1 not classified" in out.stdout


def test_no_slogan_numeral_is_a_figure():
    """Numerals in slogans, titles and names are exclusions (category name), never metric rows."""
    ds = load_dataset()
    chinese = ds.metrics[~ds.metrics["numeral"].str[0].str.isdigit()]
    assert set(chinese.index) == {"agriculture_gucheng_fertiliser_lines_new", "livelihood_poor_counties_delisted"}
    names = ds.numeral_exclusions[ds.numeral_exclusions["category"] == "name"]["reason"].str.cat()
    for slogan in ("十佳十差", "十小", "四化", "两不愁三保障", "五个基本", "两卡", "五大工程", "十大标志性", "5G", "3+2"):
        assert slogan in names, slogan


def test_every_exclusion_is_used():
    ds = load_dataset()
    used = sum(1 for o in census(ds) if o.covered_by.startswith("exclusion:"))
    assert used == len(ds.numeral_exclusions)


def test_data_package_validates_with_frictionless():
    from frictionless import Package

    report = Package(str(REPO_ROOT / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_source_is_a_byte_copy():
    ds = load_dataset()
    assert ds.manifest["lines"] == len(ds.source_lines)
    assert not (REPO_ROOT / "data" / "raw" / ds.manifest["file"]).read_bytes().endswith(b"\n")


def test_as_printed_shows_only_what_the_source_prints():
    from tenprograms import fmt

    ds = load_dataset()
    wrong = [(i, fmt.as_printed(r)) for i, r in ds.metrics.iterrows()
             if fmt.as_printed(r) not in ds.source_lines[r["line"] - 1]]
    assert not wrong, wrong


def test_the_glossary_holds_only_terms_the_book_uses():
    from tenprograms.render.pages import used_terms

    ds = load_dataset()
    unused = sorted(set(ds.glossary["term_zh"]) - used_terms(REPO_ROOT, ds))
    assert not unused, f"glossary terms no page uses (remove them from data/glossary.csv): {unused}"
