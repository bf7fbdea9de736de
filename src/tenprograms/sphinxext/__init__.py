"""Sphinx extensions (`sphinx.extra_extensions` in _config.yml): they run in the Sphinx process, not
in a notebook. They may import the data and render layers; nothing below imports them.
"""
