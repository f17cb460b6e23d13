"""Backups: the SQLite online backup API, pg_dump on PostgreSQL (see docs/deploy.md)."""
