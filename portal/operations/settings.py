"""Settings for running the portal for real: values from the environment, refusals at start-up.

Contract:

- ``resolve_environment(settings)`` returns a copy of ``settings`` in which every value of the
  form ``env:NAME`` is replaced by the environment variable ``NAME``; a missing or empty variable
  stops start-up (:class:`SettingsError`, naming the setting and the variable). This is how
  ``production.ini`` takes the session secret and the database URI from the service's
  environment (systemd's ``EnvironmentFile=``) instead of from the file.
- ``check_production(settings)`` does nothing unless ``portal.production`` is true; then it
  refuses to start (:class:`SettingsError`, one line per problem) with a session secret that is
  short, a known placeholder or of too few distinct characters, a ``file://`` database when
  ``portal.processes`` says several processes share it, demo data, insecure cookies, or an
  unresolved ``env:`` value.

Both run in ``portal.make_config`` and in every console script (``portal.storage.scripts``),
so the web processes and the timers see the same settings.
"""

import os

ENV_PREFIX = "env:"
MIN_SECRET_LENGTH = 32
MIN_DISTINCT_CHARACTERS = 12
# Fragments of the placeholders shipped in the ini files and the README, and of other obvious ones.
PLACEHOLDERS = (
    "change-me",
    "changeme",
    "change_me",
    "dev-only",
    "testing-secret",
    "placeholder",
    "example",
    "replace",
    "secret-secret",
    "0123456789abcdef",
)


class SettingsError(ValueError):
    """The settings cannot run a production portal; the message says what to fix."""


def resolve_environment(settings, environ=None):
    """``settings`` with every ``env:NAME`` value replaced by ``environ[NAME]`` (a new dict)."""
    environ = os.environ if environ is None else environ
    resolved, missing = {}, []
    for key, value in settings.items():
        if isinstance(value, str) and value.startswith(ENV_PREFIX):
            name = value[len(ENV_PREFIX) :].strip()
            if not environ.get(name):
                missing.append(f"{key}: environment variable {name} is not set")
                continue
            value = environ[name]
        resolved[key] = value
    if missing:
        raise SettingsError("settings taken from the environment are missing:\n  " + "\n  ".join(missing))
    return resolved


def secret_problems(secret):
    """Why ``secret`` is unfit for production (an empty list when it is fit)."""
    secret = secret or ""
    problems = []
    if len(secret) < MIN_SECRET_LENGTH:
        problems.append(f"session.secret is shorter than {MIN_SECRET_LENGTH} characters")
    lowered = secret.lower()
    found = [p for p in PLACEHOLDERS if p in lowered]
    if found:
        problems.append(f"session.secret contains the placeholder text {found[0]!r}")
    if len(set(secret)) < MIN_DISTINCT_CHARACTERS:
        problems.append("session.secret has too few distinct characters to be random")
    return problems


def _true(value):
    return str(value).strip().lower() in ("true", "yes", "on", "1")


def production_problems(settings):
    """Every reason the settings cannot run in production (empty when they can)."""
    problems = list(secret_problems(settings.get("session.secret")))
    uri = settings.get("zodbconn.uri", "")
    if not uri:
        problems.append("zodbconn.uri is not set")
    processes = int(settings.get("portal.processes", "1") or 1)
    if processes > 1 and uri.startswith(("file://", "memory://")):
        problems.append(
            f"portal.processes = {processes} but zodbconn.uri is {uri.split(':')[0]}://: "
            "several processes need zeo:// or postgres://"
        )
    if _true(settings.get("portal.demo", False)):
        problems.append("portal.demo is true: production never creates demo accounts")
    if not _true(settings.get("session.secure", False)):
        problems.append("session.secure is false: session cookies would travel without TLS")
    for key, value in settings.items():
        if isinstance(value, str) and value.startswith(ENV_PREFIX):
            problems.append(f"{key} is still {value!r}")
    return problems


def check_production(settings):
    """Raise :class:`SettingsError` if ``portal.production`` is true and the settings are unfit."""
    if not _true(settings.get("portal.production", False)):
        return
    problems = production_problems(settings)
    if problems:
        raise SettingsError("refusing to start in production:\n  " + "\n  ".join(problems))


def prepared(settings):
    """What ``make_config`` and the scripts use: environment resolved, production checked."""
    settings = resolve_environment(settings)
    check_production(settings)
    return settings
