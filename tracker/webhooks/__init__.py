"""Outgoing webhooks: signed HTTP calls to other systems when a task is assigned, reported, confirmed, returned or overdue."""
