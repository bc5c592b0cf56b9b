"""The site's MkDocs extensions: one package, one hook (``events.py``), one package per concern.

| package | what it does | entry class |
| --- | --- | --- |
| ``search`` | Korean search in Material's search: tokenizer, glossary, two-stage index, second process | ``Search`` |
| ``figures`` | top-level ``img/*.svg`` checked and inlined into pages | ``Figures`` |
| ``snippets`` | embedded snippet files: UTF-8, missing-file errors, version badges | ``Snippets`` |
| ``headings`` | GitHub's heading ids, notes in course order, the home page's note list | ``Headings`` |
| ``notebooks`` | notebook pages: checked before rendering, made light and searchable after | ``Notebooks`` |
| ``security`` | the one sanitizer (``markup``) and the Content-Security-Policy | ``Security`` |
| ``links`` | published page URLs and heading ids kept (aliases, redirects), backlinks | ``Links`` |
| ``runnable`` | each note's snippets as a downloadable notebook, and an Open in Colab link | ``Runnable`` |
| ``output`` | code spans, minified JS/CSS, offline emoji, sitemap dates, serve warnings | ``Output`` |
| ``cache`` | pure per-page work kept across builds by content (never found stale) | ``Cache`` |

``events.py`` creates one instance of each entry class and lists, per MkDocs event, which of
their handlers run and in what order. ARCHITECTURE.md explains each package: its events, the
settings it owns in mkdocs.yml, and its test file.
"""
