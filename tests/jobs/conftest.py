"""The alert fixtures (a real HTTP receiver on 127.0.0.1) for the delivery jobs' tests."""

from tests.alerts.conftest import receiver

__all__ = ["receiver"]
