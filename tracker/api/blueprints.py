"""The blueprints of the API package, with every route module imported so the routes (and the
OpenAPI document built from them) are complete."""

from __future__ import annotations


def blueprints() -> list:
    from tracker.api import attachments, reports, resources, spec, workflow  # noqa: F401  (routes)
    from tracker.api.core import bp as api_bp
    from tracker.api.views import bp as pages_bp

    return [api_bp, pages_bp]
