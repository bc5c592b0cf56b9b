"""What the build writes besides page content (``extension.Output``): ``code_spans``, ``minify``,
``emoji``, ``sitemap``, ``serve_warnings``.
"""
