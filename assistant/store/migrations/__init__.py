"""Alembic environment and revisions of the sessions database (shipped in the wheel)."""
