"""The project's own commands and libraries (not the site's MkDocs extensions: those are ``hooks/``).

``ROOT`` is the repository: the one place that says where it is.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
