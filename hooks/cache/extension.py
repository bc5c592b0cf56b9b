"""The build's cache (``store.Store``): opened first on ``on_config``, pruned last on
``on_post_build``. The extensions that keep work in it get ``CACHE.store`` (hooks/events.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from hooks.cache.store import Store

log = logging.getLogger("mkdocs.hooks.cache")


class Cache:
    def __init__(self) -> None:
        self.store = Store()

    def open(self, config):
        self.store.open(Path(config.config_file_path).parent)
        return config

    def prune(self, config):
        gone = self.store.prune()
        log.debug(f"cache: {self.store.stats()}, {gone} unused entries deleted")
