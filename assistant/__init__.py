"""Renewal assistant: conversation intelligence for renewals, offline."""

__version__ = "0.1.0"
