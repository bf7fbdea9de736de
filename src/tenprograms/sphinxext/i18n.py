"""The Chinese edition's Sphinx machinery (issue #31): glue in translated text, one language's glue
variant per build, cell outputs out of the catalogs, the parts' captions translated.

The book is one source; a zh build (`language = "zh_CN"`, scripts/zh_config.py) reads the English
pages and replaces each message (paragraph, heading, caption, list item) by its translation from
locales/zh_CN/LC_MESSAGES/<docname>.po. Four things do not work by themselves:

1. Glue inside a translated message. myst-nb keeps a notebook's glue data on the document only while
   it parses the notebook; Sphinx parses a translation (msgstr) afterwards as a new document, where
   `{glue:text}`key`` finds nothing ("No key 'year' found in glue data"). Inside a translation, a
   glue role of this notebook becomes a pending reference to the notebook itself
   (`<this notebook>::key`), which myst-nb resolves after reading from the glue cache it wrote.
2. `key@zh`. The notebooks glue a value's Chinese display as `key@zh` when it differs
   (50.92万 for 509,158). A build resolves every glue role and directive `key` to `key<@lang>` when the
   notebook glued that variant, in translated and untranslated text alike; an English build is
   unchanged (no variant suffix).
3. Cell outputs are data, not prose (NoTranslateOutputs): nothing a code cell printed enters the
   catalogs (no '9', no DataFrame cells) and no stale translation can replace a changed number.
4. The parts' captions (`_toc.yml`) are inserted by sphinx-external-toc at transform priority 100,
   after Sphinx's Locale transform (20): TranslateToctreeCaptions (101) translates them from the root
   page's catalog, so the sidebar and the PDF read 市场主体's part in Chinese.
"""
from __future__ import annotations

import gettext
import posixpath

from docutils import nodes
from myst_nb.ext.glue import directives as glue_directives
from myst_nb.ext.glue import roles as glue_roles
from myst_nb.ext.glue.crossref import read_glue_cache
from sphinx import addnodes, locale
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import CatalogRepository, docname_to_domain

#: The class myst-nb gives the container of a code cell's outputs.
OUTPUT_CLASS = "cell_output"
_PATCHED = "_tenprograms_i18n"


def variant_suffix(language: str | None) -> str:
    """'' for an English build, '@zh' for zh_CN: the suffix of the glue keys the build prefers."""
    lang = (language or "en").split("_")[0].split("-")[0]
    return "" if lang == "en" else "@" + lang


def localize(language: str | None, keys, key: str) -> str:
    """key -> key@zh in a zh build when the notebook glued that variant (keys: its glue keys)."""
    suffix = variant_suffix(language)
    if suffix and not key.endswith(suffix) and key + suffix in keys:
        return key + suffix
    return key


def _env(document):
    return getattr(document.settings, "env", None)


def _translated(document) -> bool:
    """Sphinx parses a msgstr as a document whose source ends in '<translated>'."""
    return str(document.get("source", "")).endswith("<translated>")


def _cache_keys(env, docname: str):
    return read_glue_cache(env.mystnb_config.output_folder, docname)


def _rewrite_role_text(env, document, text: str, has_fmt: bool) -> str:
    """The text of a glue role as this build should resolve it (see the module's 1. and 2.)."""
    language = env.config.language
    spec = None
    body = text
    if has_fmt:
        head, sep, tail = text.rpartition(":")
        if sep and not head.endswith(":") and "::" not in tail:
            body, spec = head, tail
    if "::" in body:  # a glue from another notebook: its own cache has the keys
        doc, key = body.split("::", 1)
        _, path = env.relfn2path(doc, env.docname)
        other = env.path2doc(path)
        keys = _cache_keys(env, other) if other else {}
        body = f"{doc}::{localize(language, keys, key)}"
    elif _translated(document) and str(env.doc2path(env.docname)).endswith(".ipynb"):
        here = posixpath.basename(str(env.doc2path(env.docname, False)))
        body = f"{here}::{localize(language, _cache_keys(env, env.docname), body)}"
        if has_fmt and spec is None:
            spec = "s"  # `nb.ipynb::key` alone would be split at its last ':' as key 'nb.ipynb:'
    elif "nb_renderer" in document:
        body = localize(language, document["nb_renderer"].renderer.nb_client.glue_data, body)
    return body if spec is None else f"{body}:{spec}"


def _patch_role(role_cls, has_fmt: bool) -> None:
    if getattr(role_cls, _PATCHED, False):
        return
    original = role_cls.run

    def run(self):
        env = _env(self.document)
        if env is not None:
            self.text = _rewrite_role_text(env, self.document, self.text, has_fmt)
        return original(self)

    role_cls.run = run
    setattr(role_cls, _PATCHED, True)


def _patch_directive(directive_cls) -> None:
    if getattr(directive_cls, _PATCHED, False):
        return
    original = directive_cls.run

    def run(self):
        document = self.state.document
        env = _env(document)
        if env is not None and "nb_renderer" in document and "::" not in self.arguments[0]:
            glue_data = document["nb_renderer"].renderer.nb_client.glue_data
            self.arguments[0] = localize(env.config.language, glue_data, self.arguments[0])
        return original(self)

    directive_cls.run = run
    setattr(directive_cls, _PATCHED, True)


class NoTranslateOutputs(SphinxTransform):
    """Text a code cell printed is data: never a message of the catalogs, never replaced by one."""

    default_priority = 15  # before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs) -> None:
        for output in self.document.findall(nodes.container):
            if OUTPUT_CLASS not in output.get("classes", ()):
                continue
            for node in output.findall(nodes.Element):
                if isinstance(node, nodes.TextElement):
                    node["translatable"] = False


class OutputImagesOutOfCatalogs(SphinxPostTransform):
    """Sphinx extracts an image's alt text whatever its 'translatable' says: for the gettext builder,
    the images a code cell drew lose their alt text (a chart's alt comes from its data, in code)."""

    default_priority = 5
    builders = ("gettext",)

    def run(self, **kwargs) -> None:
        for output in self.document.findall(nodes.container):
            if OUTPUT_CLASS in output.get("classes", ()):
                for image in output.findall(nodes.image):
                    image.attributes.pop("alt", None)


class TranslateToctreeCaptions(SphinxTransform):
    """The parts' captions, translated from the root page's catalog (see the module's 4.)."""

    default_priority = 101  # after sphinx_external_toc's InsertToctrees (100)

    def apply(self, **kwargs) -> None:
        if not self.config.language or self.config.language == "en":
            return
        toctrees = [t for t in self.document.findall(addnodes.toctree) if t.get("caption")]
        if not toctrees:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [self.env.srcdir / d for d in self.config.locale_dirs]
        catalog, has_catalog = init_locale(dirs, self.config.language, domain)
        if not has_catalog:
            return
        for toctree in toctrees:
            raw = toctree.get("rawcaption") or toctree["caption"]
            translated = catalog.gettext(raw)
            if translated and translated != raw:
                toctree["caption"] = translated


class UntranslatedIsEnglish(SphinxTransform):
    """An untranslated (or stale) message of a translated build shows its English: marked lang="en"
    (docutils writes a class language-xx as lang="xx"), so a screen reader reads it as English, and
    the class "untranslated" (translation_progress_classes) makes it findable."""

    default_priority = 951  # after sphinx.transforms.i18n.AddTranslationClasses (950)

    def apply(self, **kwargs) -> None:
        if not self.config.language or self.config.language == "en":
            return
        for node in self.document.findall(nodes.Element):
            if "untranslated" in node.get("classes", ()):
                node["classes"].append("language-en")


#: Interface catalogs beside the pages' (locales/<lang>/LC_MESSAGES/<domain>.po) that take precedence
#: over a theme's own translation: sphinx-book-theme's zh_CN has 列印成 PDF (Taiwan usage).
#: (Sphinx's own domain, sphinx.po, needs nothing: Sphinx reads locale_dirs first.)
INTERFACE_DOMAINS = ("booktheme",)


def _interface_first(app) -> None:
    language = app.config.language
    if not language or language == "en":
        return
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, language, app.config.source_encoding)
    for catalog in repo.catalogs:
        if catalog.domain in INTERFACE_DOMAINS:
            if catalog.is_outdated():
                catalog.write_mo(language)
            with open(catalog.mo_path, "rb") as mo:
                mine = gettext.GNUTranslations(mo)
            theirs = locale.translators.get(("general", catalog.domain))
            if theirs is not None:
                mine.add_fallback(theirs)
            locale.translators[("general", catalog.domain)] = mine


def setup(app):
    _patch_role(glue_roles.PasteTextRole, has_fmt=True)
    _patch_role(glue_roles.PasteRoleAny, has_fmt=False)
    _patch_directive(glue_directives.PasteFigureDirective)
    _patch_directive(glue_directives.PasteAnyDirective)
    app.add_transform(NoTranslateOutputs)
    app.add_transform(TranslateToctreeCaptions)
    app.add_transform(UntranslatedIsEnglish)
    app.add_post_transform(OutputImagesOutOfCatalogs)
    app.connect("builder-inited", _interface_first)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
