"""The database: one engine, schema migrations on open, one transaction per unit of work.

``Store.open(settings)`` creates the SQLite file (or connects to any SQLAlchemy URL), brings the schema
up to date with Alembic (backing up an existing SQLite file first), and hands out sessions with
``store.transaction()``: everything inside commits together or not at all.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session, SQLModel, create_engine

from assistant.errors import MigrationError, StorageError
from assistant.settings import Settings
from assistant.storage.media import FileMediaStore, MediaStore, media_store, relativize
from assistant.storage.tables import compared

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")  # first: switching to WAL waits for a lock too
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def _alembic_config(connection: Any, media_root: Path | None = None) -> Config:
    """Alembic's configuration: the connection to migrate, and the media_root setting (a data migration
    makes stored recording paths under it relative)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    cfg.attributes["media_root"] = media_root
    return cfg


def _masked(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even a URL: nothing to mask
        return url


def libpq_url(url: str) -> str | None:
    """The plain ``postgresql://`` URL (what libpq and procrastinate take) of a PostgreSQL SQLAlchemy URL;
    None for any other database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return None
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def head_revisions() -> set[str]:
    """The newest revision: one line of migrations, so one head (tests/storage/test_schema.py checks it)."""
    return set(ScriptDirectory(str(MIGRATIONS)).get_heads())


def _unknown(revisions: set[str]) -> set[str]:
    """The revisions this version's migrations do not contain (a newer version migrated the database)."""
    return revisions - {r.revision for r in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def _private_file(path: Path) -> None:
    """Create ``path`` readable and writable by its owner only, unless it exists (its mode is then kept)."""
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created owner-only); other processes wait here for their turn."""
    _private_file(path)
    with path.open("r+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


MIGRATION_LOCK = 0x5A11_0012  # PostgreSQL advisory lock key of schema migrations (any fixed 64-bit number)


@contextmanager
def _advisory_lock(engine: Engine, key: int) -> Iterator[None]:
    """Hold a PostgreSQL session-level advisory lock on its own connection; others wait here for their turn.
    A connection whose unlock failed is discarded, never pooled with the lock still held."""
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
        conn.commit()
        try:
            yield
        finally:
            try:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
            except SQLAlchemyError:
                conn.invalidate()


def include_object(obj: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    """What schema comparisons look at: everything but search's FTS5 tables (see ``tables.compared``)."""
    return compared(name, type_, obj.table.name if type_ == "column" else None)


#: Called inside the transaction that adds alerts to the outbox, with the transaction's DBAPI connection and
#: the new alerts' ids: the job queue defers their delivery jobs there, committed with them or not at all.
AlertHook = Callable[[Any, list[int]], None]


class Store:
    """Owns the engine. Create with ``Store.open(settings)`` or ``Store.open_url(url)``. ``on_new_alerts``:
    see ``AlertHook`` (None: alerts wait in the outbox for an in-process delivery run)."""

    def __init__(self, engine: Engine, media: MediaStore | None = None) -> None:
        self.engine = engine
        self.on_new_alerts: AlertHook | None = None
        self.media: MediaStore = media or FileMediaStore()  # recordings and clip files by stored name

    @classmethod
    def open(cls, settings: Settings, *, migrate: bool = True) -> Store:
        """The settings' database; a new data folder is created owner-only (0700), like the database in it."""
        if settings.database_url is None and not settings.data_dir.is_dir():
            settings.data_dir.parent.mkdir(parents=True, exist_ok=True)
            settings.data_dir.mkdir(mode=0o700, exist_ok=True)
        return cls.open_url(settings.db_url, migrate=migrate, media=media_store(settings.media_root))

    @classmethod
    def open_url(cls, url: str, *, migrate: bool = True, media: MediaStore | None = None) -> Store:
        """The store of ``url``, its schema brought up to date; ``migrate=False`` (a queue worker, one of
        many machines): a MigrationError naming `assistant db migrate` when the schema is not current."""
        try:
            engine = create_engine(url)
        except (SQLAlchemyError, ImportError) as exc:
            raise StorageError(f"database URL {_masked(url)!r}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, media)
        if store.sqlite_path is not None and store.sqlite_path.parent.is_dir():
            _private_file(store.sqlite_path)  # transcripts and webhook URLs: owner-only (SQLite's -wal/-shm follow)
        store.check_connection()
        store.migrate() if migrate else store.check_current()
        return store

    def check_current(self) -> None:
        """MigrationError unless the schema is exactly the one this version needs."""
        current, heads = self.current_revisions(), head_revisions()
        if current != heads:
            self.engine.dispose()
            at, needs = ", ".join(sorted(current)) or "empty", ", ".join(sorted(heads))
            if _unknown(current):  # migrated by a newer version: `db migrate` here cannot help
                raise MigrationError(
                    f"the database {self.masked_url} is at schema revision {at}, newer than this version of the "
                    f"assistant knows (it needs {needs}); upgrade the assistant on this machine "
                    "(pip install -U renewal-assistant), then start again"
                )
            raise MigrationError(
                f"the database {self.masked_url} is at schema revision {at}, this assistant needs "
                f"{needs}: run `assistant db migrate` once (from one machine), then start again"
            )

    @property
    def masked_url(self) -> str:
        """The database URL with its password replaced by ***, for messages and logs."""
        return self.engine.url.render_as_string(hide_password=True)

    def check_connection(self) -> None:
        """StorageError naming the URL (password masked) when the database cannot be reached."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))  # a round trip: a pooled connection may outlive its server
        except OperationalError as exc:
            self.engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StorageError(f"cannot connect to the database {self.masked_url}: {reason}") from exc

    def current_revisions(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(MigrationContext.configure(conn).get_current_heads())

    def migrate(self) -> None:
        """Bring the schema to the newest revision; an existing SQLite file is copied aside first.

        Several processes may open a new (or older) database at once: one migrates while the others wait on
        a lock (a file beside a SQLite database; an advisory lock on PostgreSQL), then find the schema up to
        date."""
        try:
            if self.current_revisions() == head_revisions():
                return
            with self._migration_lock():
                self._upgrade()
        except MigrationError:
            raise
        except SQLAlchemyError as exc:
            raise MigrationError(f"cannot bring the database schema up to date: {exc}") from exc

    def _upgrade(self) -> None:
        current, heads = self.current_revisions(), head_revisions()
        if current == heads:
            return
        if unknown := _unknown(current):
            raise MigrationError(
                f"the database is at schema revision {', '.join(sorted(unknown))}, newer than this version "
                "of the assistant knows; upgrade the assistant (pip install -U renewal-assistant)"
            )
        self._backup(current)
        with self.engine.begin() as conn:
            command.upgrade(_alembic_config(conn, self.media_root), "heads")

    @property
    def media_root(self) -> Path | None:
        """The shared media folder of this store's MediaStore (None: stored paths are absolute)."""
        root = getattr(self.media, "root", None)
        return root if isinstance(root, Path) else None

    def relativize_media(self) -> int:
        """Stored recording and clip paths under media_root made relative to it (see ``storage.media``);
        how many changed. Safe to run again; nothing to do without a media_root."""
        if self.media_root is None:
            return 0
        with self.immediate() as conn:
            return relativize(conn, self.media_root)

    def _migration_lock(self) -> Any:
        """One migrating process at a time: a lock file beside a SQLite database, an advisory lock on
        PostgreSQL (several worker machines starting at once on a new database)."""
        if self.engine.dialect.name == "postgresql":
            return _advisory_lock(self.engine, MIGRATION_LOCK)
        path = self.sqlite_path
        return nullcontext() if path is None else _file_lock(path.with_name(f"{path.name}.migrate.lock"))

    def schema_drift(self) -> list[Any]:
        """How the database differs from the table classes (alembic's autogenerate comparison); empty when
        the migrations and ``tables`` agree."""
        with self.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
            return list(compare_metadata(context, SQLModel.metadata))

    def _backup(self, current: set[str]) -> None:
        path = self.sqlite_path
        if not current or path is None or not path.is_file():
            return
        shutil.copy2(path, path.with_name(f"{path.name}.before-upgrade-from-{'+'.join(sorted(current))}.bak"))

    @property
    def sqlite_path(self) -> Path | None:
        if self.engine.dialect.name != "sqlite" or not self.engine.url.database:
            return None
        return None if self.engine.url.database == ":memory:" else Path(self.engine.url.database)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits at the end of the block, or rolls back entirely on any error.

        On SQLite the write lock is taken at the start (``BEGIN IMMEDIATE``), so what the block reads (is
        there an account of this name?) still holds when it writes: concurrent processes queue up instead
        of failing on a row another one inserted meanwhile."""
        with Session(self.engine, expire_on_commit=False) as session:
            if self.engine.dialect.name == "sqlite":
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def immediate(self) -> Iterator[Connection]:
        """A connection in a write transaction taken at its start (SQLite: ``BEGIN IMMEDIATE``): one such
        writer at a time, so what it reads stays true until it commits. Commits at the end of the block,
        rolls back on any error."""
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.commit()
            except BaseException:
                conn.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
