"""One language per build for the outputs a notebook shows in both languages.

A code cell may display one output per language: the English table with output metadata
{"lang": "en"}, the Chinese one with {"lang": "zh"} (render/bilingual.py does it for the book's tables
and generated sentences). An output without "lang" shows in every build. The English build (Sphinx
`language` en, the default) shows the "en" outputs, exactly what it showed before there were two; the
Chinese build (`language: zh_CN`) shows the "zh" ones.

How: a myst-nb mime render plugin (myst-nb's documented hook, entry point group
`myst_nb.mime_renderers`, registered in pyproject.toml as `tenprograms-lang`). myst-nb asks every
plugin first; this one answers an output of another language with no nodes (dropped) and leaves all
others to myst-nb's own renderers (None). The Sphinx extension below (in _config.yml's
extra_extensions) makes sure the plugin is installed: without it both languages would show, so the
build stops instead, saying what to run.
"""
from __future__ import annotations

from importlib.metadata import entry_points

#: myst-nb's entry point group for mime render plugins, and this plugin's name in it.
GROUP = "myst_nb.mime_renderers"
NAME = "tenprograms-lang"


def build_language(config_language: str | None) -> str:
    """The output language of a build: 'zh_CN' → 'zh', 'en' or None → 'en'."""
    return (config_language or "en").replace("-", "_").split("_")[0].lower()


def keep(output_metadata: dict, language: str) -> bool:
    """Whether an output shows in a build of this language: no "lang", or the build's own."""
    lang = (output_metadata or {}).get("lang")
    return lang is None or str(lang).lower() == language


class LanguageOutputs:
    """The mime render plugin: [] (nothing) for another language's output, None (render as usual) else."""

    mime_priority_overrides = ()

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        # renderer: myst-nb's NbElementRenderer; its .renderer is the document's (Sphinx) renderer
        env = getattr(renderer.renderer.document.settings, "env", None)
        language = build_language(env.config.language if env is not None else None)
        if keep(data.output_metadata, language):
            return None
        return []


def installed() -> bool:
    """Whether the plugin's entry point is installed (pip install -e . after pyproject.toml changed)."""
    eps = entry_points()
    return any(ep.name == NAME for ep in eps.select(group=GROUP))


def _check(app, config) -> None:
    if not installed():
        from sphinx.errors import ConfigError  # deferred: only a build that lacks the plugin needs it

        raise ConfigError(
            f"tenprograms.sphinxext.lang_outputs: the myst-nb plugin {NAME!r} (entry point group {GROUP}) "
            "is not installed, so pages would show their tables in both languages; reinstall the "
            "package: `make venv` (or .venv/bin/pip install -e '.[book,test]')")


def setup(app):
    app.connect("config-inited", _check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
