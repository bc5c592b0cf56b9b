"""What the tests and the benchmarks share: one module per job. The tests import them as
``tools.harness.<module>``, the benchmarks too (run from the project root as
``python -m bench.<script>``).

- ``build``: ``build_site`` (a strict ``mkdocs build`` with the docs venv), ``mkdocs_command``,
  ``BUILD_ENV``, ``mkdocs_config``, ``discover_pages``;
- ``copies``: throw-away copies of the project (``copy_project``, ``clone_project``,
  ``linked_notes``, ``PROJECT_FILES``), a copy without one of the site's extensions
  (``without_extension``), day numbers (``DAY_DIR``, ``used_days``, ``free_day``);
- ``notes``: notes written into a copy: ``add_synthetic_notes`` (scale), ``add_newcomer_note``
  (the README's new-note loop);
- ``html``: built pages: ``parse_html`` / ``Html``, ``crawl`` (broken internal links),
  ``load_search_index``;
- ``serve``: ``serve_directory``, a local static server (gzip like GitHub Pages on request);
- ``browser``: Debian Chromium: ``launch_chromium``, ``block_foreign_requests``,
  ``watch_errors``, ``inject_axe``, ``RECORD_VIOLATIONS``, ``in_two_browsers``,
  ``page_weights`` / ``PAGE_BUDGET``;
- ``search``: Material's search box and worker in Chromium: ``SearchBox``, ``WorkerSearch``,
  ``evaluate``, ``load_queries``;
- ``gather_fuzz``: the gather explorer against torch: ``reference``, ``mismatch``, ``cases``;
  its categories of cases are ``gather_cases`` (``CATEGORIES``), written with ``gather_writing``;
- ``guard``: what the running test may start: tests/conftest.py marks tests from their fixtures
  (``MARKED_BY``) and ``copy_project``, ``clone_project`` and ``launch_chromium`` refuse what a
  test's markers do not allow (``make check`` starts no browser and builds no copy).
"""
