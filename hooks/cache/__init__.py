"""Pure per-page work kept across builds, by content (``store``); ``extension.Cache`` opens the
store for each build and prunes it after a full one."""
