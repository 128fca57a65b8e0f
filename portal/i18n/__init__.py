"""Languages: Chinese (zh_CN) by default, English as the second locale.

Message ids are the Chinese texts themselves (the interface's own language), so zh_CN needs no
catalog of its own; ``locale/en`` translates them. deform's and colander's own messages are
translated too: colander ships only ``zh_Hans``, so the zh_CN localizer merges the ``zh_Hans``
catalogs of colander and deform with any ``zh_CN`` ones; ``locale/zh_Hans/deform.po`` fills
the deform messages deform's catalog leaves empty (日期 / 时间 of the date-and-time widget).

Marking: templates carry ``i18n:domain="portal"`` and ``i18n:translate`` / ``i18n:attributes``
(``i18n:name`` for the dynamic parts); code marks its texts with ``_`` below (flash messages,
titles computed in views, colander titles and messages). Printed documents and archive volumes
(``documents/templates/print.pt``, ``body_*.pt``, ``volume.pt``) stay Chinese on purpose: they
are official papers of the regulation.

Updating the catalogs (``pip install -e .[i18n]``), from the repository root::

    .venv/bin/pot-create -c lingua.cfg -d portal -o portal/i18n/locale/portal.pot portal schemas workflows
    .venv/bin/pybabel update -i portal/i18n/locale/portal.pot -d portal/i18n/locale -D portal -l en
    # translate the new entries of locale/en/LC_MESSAGES/portal.po, then
    .venv/bin/pybabel compile -d portal/i18n/locale -D portal -l en

The compiled ``portal.mo`` is committed, so a checkout or a wheel runs without a build step;
tests/i18n checks that it matches the ``.po``, that the ``.pot`` is what lingua extracts today and
that every message has its English translation.
"""

from pyramid.i18n import Localizer, TranslationStringFactory, make_localizer
from pyramid.interfaces import ILocalizer, ITranslationDirectories
from translationstring import TranslationString

_ = TranslationStringFactory("portal")
LOCALES = ("zh_CN", "en")
DEFAULT = "zh_CN"


PUBLIC_PREFIX = "/public"


def chinese(text):
    """A stand-in for ``request.localizer.translate`` where there is no request: ``text`` in
    Chinese (the msgid, placeholders filled in); a plain string as it is."""
    return text.interpolate() if isinstance(text, TranslationString) else text


def negotiate_locale(request):
    """``_LOCALE_`` from the query string or cookie when it is one we support; else zh_CN.
    (The query string only: reading ``request.params`` would parse a POST body on any page.)
    The public area (``/public``) always speaks Chinese: its answers are cached by URL for
    everyone (the portal's answer cache, the proxy), so no visitor's choice may shape them."""
    path = request.path_info or ""
    if path == PUBLIC_PREFIX or path.startswith(PUBLIC_PREFIX + "/"):
        return DEFAULT
    for value in (request.GET.get("_LOCALE_"), request.cookies.get("_LOCALE_")):
        if value in LOCALES:
            return value
    return DEFAULT


def _register_zh_cn(registry):
    dirs = registry.queryUtility(ITranslationDirectories, default=[])
    merged = make_localizer("zh_Hans", dirs).translations
    merged.merge(make_localizer("zh_CN", dirs).translations)
    registry.registerUtility(Localizer("zh_CN", merged), ILocalizer, name="zh_CN")


def includeme(config):
    settings = config.get_settings()
    settings["pyramid.default_locale_name"] = DEFAULT
    config.add_translation_dirs("colander:locale/", "deform:locale/", "portal.i18n:locale/")
    config.set_locale_negotiator(negotiate_locale)
    config.action("portal-zh-cn-localizer", lambda: _register_zh_cn(config.registry), order=100)
