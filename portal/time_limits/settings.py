"""Deadline settings read from the ini file.

Contract: ``portal.deadline_due_soon_days`` (default 3, an integer 0-365) is how many days
before the due date a deadline counts as 即将到期. ``includeme`` parses it once at start-up
(a bad value stops the application with ``ConfigurationError``); ``thresholds(registry)``
returns the parsed ``portal.deadlines.LevelThresholds`` (parsing the registry's settings if
start-up did not, e.g. for a bare test registry).
"""

from pyramid.exceptions import ConfigurationError

from portal.deadlines import DeadlineError, LevelThresholds

DUE_SOON_DAYS = "portal.deadline_due_soon_days"
DEFAULT_DUE_SOON_DAYS = 3
REGISTRY_ATTRIBUTE = "portal_deadline_thresholds"


def parse_thresholds(settings) -> LevelThresholds:
    """``LevelThresholds`` from an ini settings mapping; ``ConfigurationError`` if invalid."""
    raw = (settings or {}).get(DUE_SOON_DAYS, DEFAULT_DUE_SOON_DAYS)
    try:
        days = int(str(raw).strip())
    except ValueError:
        raise ConfigurationError(f"{DUE_SOON_DAYS} 须为整数，当前为 {raw!r}") from None
    try:
        return LevelThresholds(due_soon_days=days)
    except DeadlineError as exc:
        raise ConfigurationError(f"{DUE_SOON_DAYS}：{exc}") from None


def thresholds(registry) -> LevelThresholds:
    """The warning thresholds configured for this application."""
    parsed = getattr(registry, REGISTRY_ATTRIBUTE, None)
    if parsed is None:
        parsed = parse_thresholds(getattr(registry, "settings", None))
    return parsed


def includeme(config):
    setattr(config.registry, REGISTRY_ATTRIBUTE, parse_thresholds(config.get_settings()))
