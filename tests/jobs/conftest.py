"""The alert fixtures (a real HTTP receiver on 127.0.0.1) for the delivery jobs' tests, and the web tests'
headless Chromium for the queued upload's journey."""

from tests.alerts.conftest import receiver
from tests.web.conftest import browser

__all__ = ["browser", "receiver"]
