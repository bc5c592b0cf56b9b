"""Links between notes (``extension.Links``): ``published`` (permanent page URLs and heading
ids: the record, aliases, redirects), ``backlinks``.
"""
