"""What the table services announce, for the apps built on them (the workflow log lives in ``reviews``)."""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["version_created"]

#: A new version was stored: ``table``, ``user``, ``reason`` and ``adjusted`` (True for 调整). Sent inside the
#: creating transaction, so what a receiver writes commits or rolls back with the table.
version_created = Signal()
