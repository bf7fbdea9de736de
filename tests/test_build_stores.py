"""The stores that make a rebuild fast must never serve a result their inputs no longer give.

- The derived numbers' evaluation (sphinxext/derived.py, `_build/derived-values.pickle`): a later
  build process with the same registry, package code and data reads it instead of evaluating again;
  a change to any data file, to the registry or to the package's code evaluates again.
- The CJK fonts' maps of scripts/check_pdf.py (`_build/cjk-faces.pickle`): served only for the font
  file as it was read (same path, size and modification time).
"""
from __future__ import annotations

import importlib.util
import os
import pickle

import pytest

from tenprograms.data.paths import REPO_ROOT
from tenprograms.sphinxext import derived as ext


@pytest.fixture
def counted(monkeypatch):
    """evaluate_all replaced by a stand-in that counts its calls (the real one takes seconds)."""
    calls = []

    def evaluate_all(ds):
        calls.append(ds)
        return {"value": len(calls)}

    monkeypatch.setattr(ext.derived, "evaluate_all", evaluate_all)
    monkeypatch.setattr(ext, "load_dataset", lambda: "dataset")
    monkeypatch.setattr(ext, "_CACHE", {})
    return calls


def new_process(monkeypatch):
    """What a new build process starts from: no evaluation in memory."""
    monkeypatch.setattr(ext, "_CACHE", {})


def test_a_later_build_reads_the_stored_evaluation(tmp_path, data_copy, counted, monkeypatch):
    store = tmp_path / "derived-values.pickle"
    assert ext.evaluated(store) == {"value": 1}
    new_process(monkeypatch)
    assert ext.evaluated(store) == {"value": 1}
    assert len(counted) == 1


@pytest.mark.parametrize("edit", ["data", "registry", "package"])
def test_a_changed_input_evaluates_again(tmp_path, data_copy, counted, monkeypatch, edit):
    store = tmp_path / "derived-values.pickle"
    ext.evaluated(store)
    new_process(monkeypatch)
    if edit == "data":
        units = data_copy / "units.csv"
        units.write_bytes(units.read_bytes() + b"\n")
    elif edit == "registry":
        registry = tmp_path / "derived.yml"
        registry.write_bytes(ext.derived.REGISTRY.read_bytes() + b"\n# edited\n")
        monkeypatch.setattr(ext.derived, "REGISTRY", registry)
    else:
        monkeypatch.setattr(ext.deps, "package_hash", lambda: "another package")
    assert ext.evaluated(store) == {"value": 2}, f"a change of the {edit} was served the old evaluation"


def test_a_broken_store_is_only_a_miss(tmp_path, data_copy, counted):
    store = tmp_path / "derived-values.pickle"
    store.write_bytes(b"not a pickle")
    assert ext.evaluated(store) == {"value": 1}
    assert pickle.loads(store.read_bytes())[1] == {"value": 1}


def _check_pdf():
    spec = importlib.util.spec_from_file_location("check_pdf", REPO_ROOT / "scripts" / "check_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_font_maps_are_stored_for_the_file_as_read(tmp_path, monkeypatch):
    check_pdf = _check_pdf()
    monkeypatch.setattr(check_pdf, "STORE", tmp_path / "cjk-faces.pickle")
    font = tmp_path / "NotoSansCJK-Regular.ttc"
    font.write_bytes(b"a font")
    key, stored = check_pdf._stored_faces(font)
    check_pdf.STORE.write_bytes(pickle.dumps({key: {"sc": {0x4E00: 1}}}))
    assert check_pdf._faces(font) == {"sc": {0x4E00: 1}}
    # the same file changed (a font package upgraded): the stored maps no longer apply
    font.write_bytes(b"another font")
    os.utime(font, ns=(1, 1))
    key_after, stored_after = check_pdf._stored_faces(font)
    assert key_after != key and key_after not in stored_after
