"""Snippets on pages (``extension.Snippets``): ``encoding``, ``errors``, ``versions`` (the version
records that ``tools/`` writes and the badges that show them).
"""
