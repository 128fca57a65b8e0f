"""What the periodic sweep runs beyond deadline warnings: tasks other concerns register.

Contract:

* ``config.add_sweep_task(name, task, title, deliver=False)`` (a directive) registers
  ``task(site, registry, now) -> int`` under a unique ``name`` (a second registration of the
  same name stops start-up). ``title`` is the Chinese label of the count in the script's output.
* Tasks with ``deliver=False`` run inside the sweep's one transaction (``sweep.sweep``), in
  registration order, after the deadline warnings and before queued mail; they change only the
  database and the caller commits.
* Tasks with ``deliver=True`` talk to the outside world (an SMS gateway): ``sweep.run`` calls
  them after the sweep's transaction is committed; they commit their own small transactions
  (claim, send, record) so that a conflict never sends a message twice.
* ``includeme`` (this module): mail configuration, this directive and
  ``add_notification_kind`` (``kinds``) with the centre's own kinds, no views. The console
  scripts start the whole application (``portal.storage.scripts.run_on_site``), so they see
  every task and kind the web processes see.
"""

from dataclasses import dataclass

from pyramid.exceptions import ConfigurationError

TASKS_KEY = "portal.sweep_tasks"


@dataclass(frozen=True)
class SweepTask:
    name: str
    task: object
    title: str
    deliver: bool = False


def add_sweep_task(config, name, task, title, deliver=False):
    """Directive: register a sweep task (see the module contract)."""
    if not callable(task):
        raise ConfigurationError(f"sweep task {name!r} is not callable")
    if not title:
        raise ConfigurationError(f"sweep task {name!r} needs a Chinese title")
    entry = SweepTask(name, task, title, bool(deliver))

    def register():
        tasks = config.registry.setdefault(TASKS_KEY, {})
        if name in tasks:
            raise ConfigurationError(f"sweep task {name!r} registered twice")
        tasks[name] = entry

    config.action(("portal.sweep_task", name), register)


def sweep_tasks(registry, deliver=False):
    """The registered tasks of one phase, in registration order."""
    return [t for t in (registry.get(TASKS_KEY) or {}).values() if t.deliver == deliver]


def includeme(config):
    from . import kinds
    from .mail import configure_mail

    configure_mail(config)
    config.add_directive("add_sweep_task", add_sweep_task)
    config.add_directive("add_notification_kind", kinds.add_notification_kind)
    for kind in (kinds.MESSAGE, kinds.TASK, *kinds.DEADLINE_KINDS.values()):
        config.add_notification_kind(kind)
