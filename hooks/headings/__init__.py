"""Headings and course order (``extension.Headings``): ``slugs`` (GitHub's rule), ``ids``,
``order``, ``note_list``.
"""
