"""Top-level ``img/*.svg`` figures on pages (``extension.Figures``), checked by
``hooks.security.markup``.
"""
