"""`paayesh serve`: the main job, the web application with the inbox watcher beside it.

uvicorn serves the application in this process; the watcher is `paayesh watch` in a
child process of its own, so that pages and the watcher each have an interpreter (and a
core) to themselves: in one process they shared one interpreter lock, and 20 clients
cut the watcher's files per second by four fifths (bench/web.py). On a machine with
more work than cores the watcher goes first: a clerk's letter must be registered, a
page can wait a little. The pages run `PAGES_NICE` steps nicer than the watcher, which
stays in this process's session (its own process group, so the terminal's Ctrl+C does
not reach it): Linux schedules a session's processes as one group (autogroup), and
niceness only orders processes within a group. Ctrl+C or SIGTERM
stops the server (requests in flight are answered) and sends the watcher one SIGTERM,
on which it finishes the file in hand; then this process exits 0. The child dies with
this process (a kill -9 of the server leaves no watcher holding the inbox), and a
watcher that cannot start (another one watches this inbox) stops the server with its
message.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import click

from paayesh_docs.cli.common import UserError, settings_from

# How many steps nicer than the watcher the pages run (`--pages-nice`): at 10 the
# scheduler gives a watcher's process about nine times a page thread's share of a busy
# core; 0 gives them the same (bench/web.py measures both).
PAGES_NICE = 10


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network; put it behind nginx).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--no-watch", is_flag=True, help="Serve only; run no inbox watcher.")
@click.option("--pages-nice", type=click.IntRange(0, 19), default=PAGES_NICE,
              show_default=True,
              help="How much lower the pages' priority is than the watcher's (0: the same).")
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, no_watch: bool,
                  pages_nice: int) -> None:
    """The web application and the inbox watcher. سامانه تحت وب و ناظر پوشه ورودی

    Open the address it prints in a browser; add accounts with `paayesh users add`.
    """
    from paayesh_docs.access.users import Users

    settings = settings_from(ctx)
    if not Users(settings.registry).all():
        click.echo("هنوز کاربری تعریف نشده است: نشانی زیر را در مرورگرِ همین رایانه باز کنید "
                   "و حساب مدیر را بسازید (یا: paayesh users add NAME --role admin "
                   "--password-stdin) / no users yet: open the address below in a browser on "
                   "this machine to make the administrator (or: paayesh users add NAME "
                   "--role admin --password-stdin)")
    server = _server(settings, host, port)
    watcher = None if no_watch else _start_watcher(settings)
    if watcher is not None and pages_nice:
        _nicer(pages_nice)
    ended: dict[str, int] = {}
    told: list[bool] = []

    def stop(number: int, frame: Any) -> None:
        """Once only: a second SIGTERM would stop the watcher in the middle of a file."""
        server.should_exit = True
        if watcher is not None and not told and watcher.poll() is None:
            told.append(True)
            with contextlib.suppress(ProcessLookupError):
                watcher.send_signal(signal.SIGTERM)

    def mind(child: subprocess.Popen[bytes]) -> None:
        """A watcher that ends by itself (it could not start) ends the server too."""
        ended["code"] = child.wait()
        server.should_exit = True

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, stop)
    minder = None
    if watcher is not None:
        minder = threading.Thread(target=mind, args=(watcher,), name="paayesh-watch",
                                  daemon=True)
        minder.start()
    try:
        server.run()
    finally:
        stop(signal.SIGTERM, None)
        if minder is not None:
            minder.join()
    if getattr(server, "failed", None):
        raise UserError(*server.failed)
    code = ended.get("code", 0)
    if told and code == -signal.SIGTERM:
        code = 0  # stopped by us before it had begun: nothing was in hand
    if code:
        ctx.exit(code if code > 0 else 1)  # the watcher said why on the screen


def _start_watcher(settings: Any) -> subprocess.Popen[bytes]:
    """`paayesh watch` on this office, its lines on this screen; in a process group of its
    own, so that a Ctrl+C reaches it once, from us, as SIGTERM (a second signal would stop
    it at once, in the middle of a file), but in this session, so that the scheduler
    weighs it against the pages (see `_nicer`)."""
    return subprocess.Popen(
        [sys.executable, "-m", "paayesh_docs", "--home", str(settings.home), "watch"],
        process_group=0, preexec_fn=_die_with_parent)


def _die_with_parent() -> None:
    """In the child, before it starts: SIGTERM when the server's process is gone; its
    lines written to the terminal even with `stty tostop` (a background process group
    writing to it would otherwise be stopped)."""
    import ctypes

    signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _nicer(steps: int) -> None:
    """This process (the pages), `steps` nicer than the watcher started before: every
    thread it has (Linux keeps a niceness per thread; those made later inherit it)."""
    try:
        threads = [int(task.name) for task in Path("/proc/self/task").iterdir()]
    except OSError:
        threads = [0]
    for thread in threads:
        with contextlib.suppress(OSError):
            current = os.getpriority(os.PRIO_PROCESS, thread)
            os.setpriority(os.PRIO_PROCESS, thread, min(19, current + steps))


def _server(settings: Any, host: str, port: int) -> Any:
    import uvicorn

    from paayesh_docs.web.app import create_app

    config = uvicorn.Config(create_app(settings), host=host, port=port, log_level="warning",
                            access_log=False, timeout_graceful_shutdown=10,
                            proxy_headers=True, server_header=False)
    return _Server(config)


class _Server:
    """uvicorn's server, saying the address to open once it listens, and a port in use as
    a clear error rather than a traceback."""

    def __init__(self, config: Any) -> None:
        import uvicorn

        outer = self
        self.failed: tuple[str, str] | None = None

        class Server(uvicorn.Server):
            async def startup(self, sockets: Any = None) -> None:
                await super().startup(sockets)
                if self.should_exit and not self.started:
                    return
                for server in self.servers:
                    for sock in server.sockets:
                        address, bound = sock.getsockname()[:2]
                        shown = "[" + address + "]" if ":" in address else address
                        click.echo(f"سامانه آماده است؛ این نشانی را در مرورگر باز کنید: "
                                   f"http://{shown}:{bound}/ / open http://{shown}:{bound}/ "
                                   "in a browser (Ctrl+C to stop)")
                        return

        self._server = Server(config)
        self._outer = outer

    @property
    def should_exit(self) -> bool:
        return self._server.should_exit

    @should_exit.setter
    def should_exit(self, value: bool) -> None:
        self._server.should_exit = value

    def run(self) -> None:
        try:
            self._server.run()
        except SystemExit:  # uvicorn exits 1 when it cannot listen (it logged why)
            config = self._server.config
            self.failed = (f"نمی‌توان روی {config.host}:{config.port} گوش داد (درگاه در "
                           "دست برنامه دیگری است؟).",
                           f"Cannot listen on {config.host}:{config.port} (port in use?).")
