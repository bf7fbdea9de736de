"""The publication pass's pieces on small inputs: Han runs marked, quotes found, served bytes, alt values."""
from __future__ import annotations

import json

from tenprograms.sphinxext import chartalt, chinese, datafiles


def test_han_runs_are_wrapped_outside_code_attributes_and_head_and_twice_is_once():
    page = ('<html lang="en"><head><title>襄阳</title></head><body><p title="襄阳">See 襄阳十大工程 and '
            '“New Growth Drivers (新动能壮大工程)”.<code>ch.term("规上")</code></p></body></html>')
    marked = chinese.mark_chinese(page)
    assert '<span lang="zh-Hans">襄阳十大工程</span>' in marked
    assert '“New Growth Drivers (<span lang="zh-Hans">新动能壮大工程</span>)”' in marked  # English quotes stay out
    assert '<title>襄阳</title>' in marked and 'title="襄阳"' in marked and '<code>ch.term("规上")</code>' in marked
    assert chinese.mark_chinese(marked) == marked


def test_a_chinese_quote_stays_inside_its_run_and_whole_chinese_elements_get_the_attribute():
    assert chinese.wrap_runs("实现“一部手机管就医”。") == '<span lang="zh-Hans">实现“一部手机管就医”。</span>'
    html = chinese.mark_chinese('<div class="cell_output tp-lang-zh"><p>我市</p></div>')
    assert html == '<div class="cell_output tp-lang-zh" lang="zh-Hans"><p>我市</p></div>'


def test_only_quotes_inside_chinese_become_full_width_in_latex():
    pieces = chinese.split_quotes("实现“一部”, and “English (新动能)”")
    assert [p for p, quote in pieces if quote] == ["“", "”"]
    assert "".join(p for p, _ in pieces) == "实现“一部”, and “English (新动能)”"


def test_served_csvs_with_chinese_get_a_bom_and_figure_json_its_metadata(tmp_path):
    (tmp_path / "figure-data").mkdir()
    zh, en = tmp_path / "zh.csv", tmp_path / "en.csv"
    zh.write_text("a,b\n1,襄阳\n", encoding="utf-8")
    en.write_text("a,b\n1,2\n", encoding="utf-8")
    assert datafiles.served_bytes(zh).startswith(b"\xef\xbb\xbf") and datafiles.served_bytes(en) == en.read_bytes()
    fig = tmp_path / "figure-data" / "fig_x.json"
    fig.write_text(json.dumps({"figure": "fig_x"}), encoding="utf-8")
    served = json.loads(datafiles.served_bytes(fig, {"licence": "CC-BY-4.0", "figure": "overwritten?"}))
    assert served == {"figure": "fig_x", "licence": "CC-BY-4.0"}


def test_alt_values_come_from_the_data_file(tmp_path):
    data = tmp_path / "fig_y.csv"
    data.write_text("panel,series,category,value,start,x,y\nP,,2019,17.2,0,,\nP,,2020,1234567.0,0,,\n"
                    "P,,35,,,0.0,35.0\n", encoding="utf-8")
    assert chartalt.values_sentence(data) == "Values shown: 2019 17.2; 2020 1,234,567."
