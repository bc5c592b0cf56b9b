"""``make serve``: MkDocs' live-reloading server that shows the build's problems in the browser.

``mkdocs serve`` stops at a build error ("The server will appear stuck until build errors are
resolved": every request waits) and only prints warnings in the terminal. This wrapper runs
the same server (``mkdocs.livereload.LiveReloadServer``, the same steps as
``mkdocs.commands.serve.serve``) with a builder that never leaves it stuck:

- a build error (a ``PluginError`` of our hooks, a missing image, a note that is not UTF-8):
  the build's one-line messages go on top of every page, and a URL the failed build did not
  write shows an error page with them; the page reloads by itself once a save fixes it;
- warnings of a build that went through (``MKDOCS_STRICT=false``: a stale ``#>`` output, a
  broken link): the same banner, in the warning colour, listing each one;
- a busy port: one line that suggests a port that is free now (``free_port``).

``Problems`` collects what the ``mkdocs`` logger says at WARNING and above during one build;
``ProblemServer`` puts it into the pages it serves. Run from the project root:
``.venv/bin/python -m tools.serve --host 127.0.0.1 --port 8000``.
"""

from __future__ import annotations

import argparse
import html
import logging
import socket
import sys
import tempfile
import textwrap
from pathlib import Path

import watchdog.events
import watchdog.observers

from tools.live import LiveSite

BANNER_ID = "build-problems"
WATCH = ("snippets", "img", "overrides", "hooks")  # besides docs/ and mkdocs.yml, which MkDocs watches
log = logging.getLogger("mkdocs.serve")


class Problems(logging.Handler):
    """What the ``mkdocs`` logger reported at WARNING or above during the last build (each
    message once, in order), and whether the build failed."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.lines: list[str] = []
        self.failed = False

    def emit(self, record):
        if record.name.startswith("mkdocs.serve") or getattr(record, "warning_count_summary", False):
            return  # our own lines, and hooks/output/serve_warnings.py's count (the banner counts)
        text = record.getMessage().strip()
        if self.lines and self.lines[-1].endswith(":"):  # "Error reading page 'x.md':" + the error
            self.lines[-1] += " " + text
        elif text and text not in self.lines:
            self.lines.append(text)

    def start(self, keep=None) -> None:
        """A new build: forget the last one's lines, but those ``keep(line)`` is true of (a
        page update keeps what the last full build said of the other pages)."""
        self.lines = [line for line in self.lines if keep(line)] if keep else []
        self.failed = False

    def fail(self, exc: BaseException) -> None:
        """The build raised: its logged errors are already here; add the exception's own
        message unless it is MkDocs' generic ``Aborted with a BuildError!``."""
        self.failed = True
        text = str(exc).strip() or type(exc).__name__
        if "Aborted with" not in text and text not in self.lines:
            self.lines.append(text if str(exc).strip() else f"{type(exc).__name__} (no message)")


def banner(problems: Problems) -> bytes:
    """The banner put at the top of every served page (empty when the build was clean)."""
    if not problems.lines:
        return b""
    failed = problems.failed
    title = (
        "Build error: the site is not rebuilt until it is fixed. Save the fix; this page reloads."
        if failed
        else f"{len(problems.lines)} warning{'s' if len(problems.lines) > 1 else ''}: "
        "`make build` and `make test` fail until fixed"
    )
    colour = "#b00020" if failed else "#8a5300"
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems.lines)
    return (
        f'<div id="{BANNER_ID}" role="alert" data-kind="{"error" if failed else "warning"}" '
        f'style="position:sticky;top:0;z-index:1000;background:#fff;color:{colour};'
        f"border:3px solid {colour};padding:.6rem 1rem;font:14px/1.5 system-ui,sans-serif;"
        'white-space:pre-wrap;max-height:50vh;overflow:auto">'
        f'<strong>{html.escape(title)}</strong><ul style="margin:.3rem 0 0;padding-left:1.2rem">{items}</ul></div>'
    ).encode()


class SaveObserver(watchdog.observers.Observer):
    """The system's file events (inotify on Linux) instead of MkDocs' polling every 0.5 s (a
    save waited 0.25 s on average before anything started), and only those a save makes:
    MkDocs rebuilds on any event, and inotify also reports every file the build opens to read."""

    SAVES = (
        watchdog.events.FileCreatedEvent,
        watchdog.events.FileModifiedEvent,
        watchdog.events.FileDeletedEvent,
        watchdog.events.FileMovedEvent,
        watchdog.events.FileClosedEvent,  # closed after writing (not FileClosedNoWriteEvent)
        watchdog.events.DirCreatedEvent,
        watchdog.events.DirDeletedEvent,
        watchdog.events.DirMovedEvent,
    )

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        saves = list(self.SAVES)
        return super().schedule(event_handler, path, recursive=recursive, event_filter=saves, follow_symlink=follow_symlink)


def free_port(host: str, start: int) -> int | None:
    """The first port from ``start`` on (20 tried) that can be listened on now."""
    for port in range(start, start + 20):
        if can_listen(host, port):
            return port
    return None


def can_listen(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def serve(host: str, port: int, watch: tuple[str, ...] = WATCH, incremental: bool = True) -> None:
    """``mkdocs serve --livereload`` on ``host:port`` whose builder shows problems instead of
    stalling (the steps of ``mkdocs.commands.serve.serve``, MkDocs 1.6)."""
    from mkdocs.config import load_config
    from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer, _timestamp

    problems = Problems()
    logging.getLogger("mkdocs").addHandler(problems)
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    serve_url = f"http://{host}:{port}/"

    def get_config():
        config = load_config(config_file=None, site_dir=site_dir, dev_addr=f"{host}:{port}")
        config.watch.extend(watch)
        config.site_url = serve_url
        return config

    site = LiveSite(get_config, serve_url, Path.cwd(), incremental=incremental)

    def builder(config=None) -> None:
        """A build that never raises: a failure is kept in ``problems`` and shown. Only the
        pages a save feeds are rendered again when that is enough (tools/live.py)."""
        plan = site.plan() if config is None else None
        if plan is not None and plan.full is None and not problems.failed:
            problems.start(keep=lambda line: not any(uri in line for uri in plan.pages))
        else:
            problems.start()
        try:
            site.build(config, plan)
        except Exception as exc:  # shown in the browser and the terminal; the server goes on
            problems.fail(exc)
            log.error("build failed; the browser shows: " + " | ".join(problems.lines))

    class ProblemServer(LiveReloadServer):
        def _inject_js_into_html(self, content, epoch):
            content = super()._inject_js_into_html(content, epoch)
            extra = banner(problems)
            if not extra:
                return content
            start = content.find(b">", content.find(b"<body")) + 1 if b"<body" in content else 0
            return content[:start] + extra + content[start:]

    server = ProblemServer(builder=builder, host=host, port=port, root=site_dir)
    server.observer = SaveObserver()

    def error_page(code: int) -> bytes | None:
        """A URL the last build did not write: the problems, or the site's own 404 page."""
        if problems.lines:
            script = _SCRIPT_TEMPLATE.substitute(epoch=server._visible_epoch, request_id=_timestamp())
            return (
                b'<!doctype html><meta charset="utf-8"><title>Build error</title><body>'
                + banner(problems)
                + b"<script>"
                + script.encode()
                + b"</script></body>"
            )
        try:
            with open(f"{site_dir}/{code}.html", "rb") as f:
                return f.read()
        except OSError:
            return None

    server.error_handler = error_page
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        builder(config)
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        import shutil

        shutil.rmtree(site_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make serve", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--full", action="store_true", help="a full build on every save (no page updates)")
    args = parser.parse_args(argv)
    if not can_listen(args.host, args.port):
        free = free_port(args.host, args.port + 1)
        hint = f"run make serve PORT={free}" if free else "stop the other server, or choose a PORT"
        print(f"make serve: cannot listen on {args.host}:{args.port} (port in use? another make serve?): {hint}", file=sys.stderr)
        return 1
    from mkdocs.__main__ import State

    state = State()  # the terminal output of `mkdocs serve`: MkDocs' own log handler and format
    if not sys.stderr.isatty():  # into a pipe or a log: one line per message, as `make build` prints it
        state.stream.formatter.text_wrapper = textwrap.TextWrapper(width=0)
    serve(args.host, args.port, incremental=not args.full)
    del state
    return 0


if __name__ == "__main__":
    sys.exit(main())
