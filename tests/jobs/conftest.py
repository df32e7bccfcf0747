"""The alert fixtures (a real HTTP receiver on 127.0.0.1) for the delivery jobs' tests. The queued upload's
journey uses the suite's one headless Chromium (``browser``, in the root conftest)."""

from tests.alerts.conftest import receiver

__all__ = ["receiver"]
