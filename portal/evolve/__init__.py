"""Numbered evolve steps: each stored-data change is a small, logged function of its concern.

Contract:

* ``config.add_evolution_step(number, step)`` (a directive, added by this package's
  ``includeme``) declares that ``step(site)`` takes a site from generation ``number - 1`` to
  ``number``. Each concern declares its own steps, in a module ``<concern>/evolution.py`` that
  its ``includeme`` includes; this package imports no concern.
* The discriminator is the number: two steps claiming one number are a Pyramid
  ``ConfigurationConflictError``. At commit a step must be callable with a docstring (its first
  line is logged), and the numbers must run from 1 without a gap (``ConfigurationError``).
* The site records its generation, the number of the last step run, in ``__generation__``
  (an integer, as databases have always recorded it: a released step keeps its number for
  ever). ``evolve`` runs the pending steps in order. A new site starts at generation 0 and runs
  every step, so a fresh database and an evolved one end up alike. Start-up refuses a database
  newer than ``latest(registry)`` (see ``portal.storage.bootstrap``).
* To add a step: append ``config.add_evolution_step(N, step_N_what_it_does)`` to the concern's
  ``evolution.py`` with the next free number; the step is idempotent and safe on a fresh site.
"""

import logging

from pyramid.exceptions import ConfigurationError
from pyramid.threadlocal import get_current_registry

log = logging.getLogger(__name__)

KEY = "portal.evolution_steps"


def add_evolution_step(config, number, step):
    """Directive: register ``step`` as evolve step ``number`` (see the module contract)."""
    step = config.maybe_dotted(step)

    def register():
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise ConfigurationError(f"evolve step number {number!r} is not a positive integer")
        if not callable(step):
            raise ConfigurationError(f"evolve step {number} is not callable: {step!r}")
        if not (step.__doc__ or "").strip():
            raise ConfigurationError(f"evolve step {number} ({step.__name__}) needs a docstring")
        config.registry.setdefault(KEY, {})[number] = step

    config.action(("portal.evolution_step", number), register)


def check_numbering(registry):
    """The numbers run from 1 to the latest without a gap (a gap would record a step as run)."""
    numbers = sorted(registry.get(KEY) or {})
    missing = sorted(set(range(1, (numbers[-1] if numbers else 0) + 1)) - set(numbers))
    if missing:
        raise ConfigurationError(f"evolve steps missing: {missing} (numbers run from 1 without a gap)")


def steps(registry=None):
    """``{number: step}`` of the registry (the current one by default)."""
    registry = registry if registry is not None else get_current_registry()
    return dict(registry.get(KEY) or {})


def latest(registry=None):
    """The code's generation: the highest step number (0 when no step is registered)."""
    return max(steps(registry), default=0)


def pending(site, registry=None):
    return [n for n in sorted(steps(registry)) if n > site.__generation__]


def evolve(site, upto=None, registry=None):
    """Run every pending step up to ``upto`` (default: all); return the generations run.
    Caller commits."""
    found = steps(registry)
    if not found:
        raise RuntimeError("no evolve step is registered: configure the concerns first")
    done = []
    for n in sorted(found):
        if n <= site.__generation__:
            continue
        if upto is not None and n > upto:
            break
        log.info("evolve step %d: %s", n, found[n].__doc__.strip().splitlines()[0])
        found[n](site)
        site.__generation__ = n
        done.append(n)
    return done


def includeme(config):
    """The directive, and the check of the numbering once every concern declared its steps."""
    config.add_directive("add_evolution_step", add_evolution_step)
    config.action(None, lambda: check_numbering(config.registry), order=100)
