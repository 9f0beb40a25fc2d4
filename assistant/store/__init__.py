"""Regain's memory: sessions, their draft versions, plan progress and progress updates.

``Store.open(settings)`` opens (and migrates) the database named by the settings:
SQLite in the user's data directory by default, or any SQLAlchemy URL such as
PostgreSQL via ``REGAIN_DATABASE_URL``.
"""

from assistant.domain.records import ActionState, ProgressRecord, SessionRecord, SessionSummary, VersionInfo
from assistant.store.store import Store

__all__ = ["ActionState", "ProgressRecord", "SessionRecord", "SessionSummary", "Store", "VersionInfo"]
