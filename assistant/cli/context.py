"""State shared by the commands of one invocation: settings (built once) and the store (opened lazily)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from assistant.settings import Settings, load_settings

if TYPE_CHECKING:
    from assistant.storage.db import Store


@dataclass
class AppState:
    config: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    _settings: Settings | None = None
    _store: Store | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config, **self.overrides)
        return self._settings

    @property
    def store(self) -> Store:
        if self._store is None:
            from assistant.storage.db import Store

            self._store = Store.open(self.settings)
        return self._store


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppState)  # set by the root callback, never user input
    return obj
