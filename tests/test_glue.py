"""What glue stores is what {glue:text} prints: strings come back exactly, numbers take format specs."""
from __future__ import annotations

import importlib

import pytest
from myst_nb.core.variables import format_plain_text

glue_module = importlib.import_module("tenprograms.render.glue")


@pytest.fixture
def stored(monkeypatch):
    bundles = {}

    def fake_glue(name, value, display=False):
        from IPython.core.formatters import PlainTextFormatter
        bundles[name] = PlainTextFormatter()(value)

    import myst_nb
    monkeypatch.setattr(myst_nb, "glue", fake_glue)
    return bundles


@pytest.mark.parametrize("value, spec, printed", [
    ("1,399", "s", "1,399"), ("17.2亿元", "s", "17.2亿元"), ("(a, b)", "s", "(a, b)"), ("it's", "s", "it's"),
    (1399, "s", "1399"), (0.825, ".1%", "82.5%"), (1720000000.0, ",.0f", "1,720,000,000"), (True, "s", "yes"),
])
def test_glued_values_print_as_intended(stored, value, spec, printed):
    glue_module.glue("x", value)
    assert format_plain_text(stored["x"], spec) == printed
