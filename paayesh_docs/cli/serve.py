"""`paayesh serve`: the main job, the web application and the inbox watcher in one process.

uvicorn serves the application in the main thread; the watcher (the code `paayesh
watch` runs) works in a thread beside it. Ctrl+C or SIGTERM stops the server (requests
in flight are answered), then the watcher, which finishes the file in hand; the process
then exits 0. uvicorn re-sends a signal it caught once it has shut down: our handler is
the one in place then, and it stops the watcher.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

import click

from paayesh_docs.cli.common import UserError, settings_from


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network; put it behind nginx).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--no-watch", is_flag=True, help="Serve only; run no inbox watcher.")
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, no_watch: bool) -> None:
    """The web application and the inbox watcher. سامانه تحت وب و ناظر پوشه ورودی

    Open the address it prints in a browser; add accounts with `paayesh users add`.
    """
    import contextlib

    from rich.console import Console

    from paayesh_docs.cli.watch import _log_to, inbox_watcher

    settings = settings_from(ctx)
    console = Console(highlight=False, soft_wrap=True)
    logger = _log_to(settings.registry / "logs")
    watching = contextlib.nullcontext(None) if no_watch else \
        inbox_watcher(settings, settings.watch, console, logger)
    from paayesh_docs.access.users import Users

    if not Users(settings.registry).all():
        click.echo("هنوز کاربری تعریف نشده است؛ نخست: paayesh users add NAME --role admin "
                   "--password-stdin / no users yet: paayesh users add NAME --role admin "
                   "--password-stdin")
    with watching as watcher:
        server = _server(settings, host, port)
        thread = None
        if watcher is not None:
            thread = threading.Thread(target=watcher.run, name="paayesh-watch", daemon=True)

        def stop(number: int, frame: Any) -> None:
            server.should_exit = True
            if watcher is not None:
                watcher.stop()

        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, stop)
        if thread is not None:
            thread.start()
            console.print(f"در حال پایش پوشه {settings.inbox} … / watching {settings.inbox}",
                          markup=False)
        try:
            server.run()
        finally:
            if watcher is not None:
                watcher.stop()
            if thread is not None:
                thread.join()
        if getattr(server, "failed", None):
            raise UserError(*server.failed)


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
