"""gunicorn entry point: `gunicorn wsgi:app`. The scheduler runs in its own process, never here."""

from tracker import create_app

app = create_app()
