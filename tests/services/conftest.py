"""The alert fixtures (a real HTTP receiver, settings with fast retries) for the watcher's tests."""

from tests.alerts.conftest import alert_settings, receiver

__all__ = ["alert_settings", "receiver"]
