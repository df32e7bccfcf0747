"""State shared by the commands of one invocation: settings (built once) and the application (its store
opened lazily by the services on first use)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from assistant.services.app import App
from assistant.settings import Settings, load_settings

if TYPE_CHECKING:
    from assistant.services.app import Store


@dataclass
class AppState:
    config: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    _settings: Settings | None = None
    _app: App | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config, **self.overrides)
        return self._settings

    @property
    def app(self) -> App:
        if self._app is None:
            self._app = App(self.settings)
        return self._app

    @property
    def store(self) -> Store:
        """The application's store, for services that take one (``services.auth``)."""
        return self.app.store


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppState)  # set by the root callback, never user input
    return obj


def application(ctx: typer.Context) -> App:
    """The application of this invocation: what every command hands to its one service function."""
    return state(ctx).app
