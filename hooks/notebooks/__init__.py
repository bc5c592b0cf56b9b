"""Notebook pages (``extension.Notebooks``): ``checks`` before rendering, ``render`` after."""
