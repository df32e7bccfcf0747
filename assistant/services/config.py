"""The settings in effect, described for people and machines (secrets masked)."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from assistant.redact import MASK, mask_url
from assistant.services.app import App
from assistant.services.views import to_jsonable
from assistant.settings import Settings

SECRET_WORDS = ("password", "secret", "token", "key")


def _shown(name: str, value: Any) -> Any:
    """A setting's value with its secret masked: secret fields wholly, URLs' passwords."""
    if value and (isinstance(value, SecretStr) or any(word in name for word in SECRET_WORDS)):
        return MASK
    return mask_url(value) if isinstance(value, str) else value


def describe(settings: Settings) -> list[dict[str, Any]]:
    """Every setting: name, environment variable, value in effect, description."""
    rows = []
    for name, field in Settings.model_fields.items():
        value = _shown(name, getattr(settings, name))
        rows.append(
            {
                "name": name,
                "env": f"ASSISTANT_{name.upper()}",
                "value": to_jsonable(value),
                "description": field.description or "",
            }
        )
    return rows


def list_settings(app: App) -> list[dict[str, Any]]:
    return describe(app.settings)
