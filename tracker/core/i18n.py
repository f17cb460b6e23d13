"""The translations of the language in force, found in a step.

Flask-Babel resolves its request context, its extension, its domain and its cache on every call
of `gettext` (a dozen context-local lookups): a task list page translates some 300 texts and a
report thousands. Here the locale in force is read where Flask-Babel keeps it for the request (set
by its `get_locale()` and by `force_locale()`), and the translations are kept per locale for the
process: the same catalog Flask-Babel would return. The templates' `_()`/`gettext`/`pgettext`…
(installed by `install`) and the helpers drawn once per row go through here.
"""

from __future__ import annotations

from typing import Any

from babel.support import NullTranslations
from flask import g, has_app_context, has_request_context
from flask_babel import get_locale, get_translations
from jinja2 import Environment

_by_locale: dict[Any, Any] = {}
_BOUND = "tracker_translations"  # (locale, translations) on Flask-Babel's namespace of the request


def locale():
    """The locale of the request (Flask-Babel's, forced or selected), None outside a context."""
    if not has_app_context():
        return None
    found = getattr(g.get("_flask_babel"), "babel_locale", None)
    return found if found is not None else get_locale()


def translations():
    """Flask-Babel's translations for the locale in force, looked up once per locale (and kept
    beside the request's locale while it stays the same object)."""
    if not has_app_context():
        return NullTranslations()
    space = g.get("_flask_babel")
    key = getattr(space, "babel_locale", None)
    if key is not None:
        bound = getattr(space, _BOUND, None)
        if bound is not None and bound[0] is key:
            return bound[1]
    else:
        key = get_locale()
        if key is None:
            return NullTranslations()
        space = g.get("_flask_babel")
    found = _by_locale.get(key)
    if found is None:
        found = _by_locale[key] = get_translations()
    if space is not None:
        setattr(space, _BOUND, (key, found))
    return found


def is_english() -> bool:
    """A page read in English; outside a request, Vietnamese."""
    return has_request_context() and str(locale()) == "en"


def gettext(string: str, **variables) -> str:
    """flask_babel.gettext, without its per-call lookups."""
    text = translations().ugettext(string)
    return text % variables if variables else text


def install(env: Environment) -> None:
    """The templates' translation functions (as Flask-Babel installs them, newstyle), through here."""
    env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
    )
