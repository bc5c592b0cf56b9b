"""Korean search (``extension.Search``): ``engine`` is the pure part (tokenizer, glossary, index
enrichment), ``pool`` what the second process runs, ``glossary.yml`` the Korean <-> English
terms.
"""
