"""Run this note (``extension.Runnable``): ``notebook`` (a note's snippets as a notebook, pure)."""
