"""One language per build: outputs marked {"lang": "en"} / {"lang": "zh"} (sphinxext/lang_outputs.py,
render/bilingual.py)."""
import json
from types import SimpleNamespace

import pytest
from IPython.utils.capture import capture_output

from tenprograms.data.paths import REPO_ROOT
from tenprograms.render.bilingual import both
from tenprograms.render.tables import Table
from tenprograms.sphinxext import lang_outputs


def _renderer(language):
    env = SimpleNamespace(config=SimpleNamespace(language=language))
    document = SimpleNamespace(settings=SimpleNamespace(env=env))
    return SimpleNamespace(renderer=SimpleNamespace(document=document))   # NbElementRenderer.renderer


@pytest.mark.parametrize("language, meta, shown", [
    ("en", {"lang": "en"}, True), ("en", {"lang": "zh"}, False), ("en", {}, True), (None, {"lang": "zh"}, False),
    ("zh_CN", {"lang": "zh"}, True), ("zh_CN", {"lang": "en"}, False), ("zh_CN", {}, True),
])
def test_the_plugin_drops_the_other_languages_outputs(language, meta, shown):
    data = SimpleNamespace(output_metadata=meta)
    result = lang_outputs.LanguageOutputs.handle_mime(_renderer(language), data, False)
    assert (result is None) is shown          # None: myst-nb renders it as usual; []: nothing
    if not shown:
        assert result == []


def test_the_plugin_is_installed_where_myst_nb_looks_for_it():
    from myst_nb.core.render import load_mime_renders

    assert lang_outputs.installed()
    assert lang_outputs.LanguageOutputs in load_mime_renders()


def test_a_bilingual_table_displays_two_outputs_marked_by_language():
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()   # display() publishes to the shell, as in a kernel
    en = Table(pd.DataFrame({"Figure": ["tax cuts"]}), "English caption", name="tbl-x")
    zh = Table(pd.DataFrame({"指标": ["减税"]}), "中文标题", name="tbl-x")
    with capture_output() as captured:
        both(en, zh)._ipython_display_()
    outputs = captured.outputs
    assert [o.metadata for o in outputs] == [{"lang": "en"}, {"lang": "zh"}]
    assert "English caption" in outputs[0].data["text/markdown"] and "中文标题" in outputs[1].data["text/markdown"]


def test_stored_notebooks_pair_every_chinese_output_with_an_english_one():
    """A cell that shows a {"lang": "zh"} output shows an {"lang": "en"} one too, so the English build
    keeps every table it had."""
    paired = 0
    for path in sorted((REPO_ROOT / "book").rglob("*.ipynb")):
        for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            langs = [o.get("metadata", {}).get("lang") for o in cell.get("outputs", [])]
            assert langs.count("zh") == langs.count("en"), f"{path.relative_to(REPO_ROOT)} cell {index}: {langs}"
            paired += langs.count("zh")
    assert paired >= 10


def test_the_english_site_shows_the_english_tables_only(built_html):
    page = (built_html / "book" / "appendix" / "figures.html").read_text(encoding="utf-8")
    assert "every figure, with the verbatim quote it comes from" in page
    assert "报告给出的每一个数字及其原文" not in page
