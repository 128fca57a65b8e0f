"""Events the engine emits.

Subscribers (indexing, notification, publication, audit) hang on these; the
engine only calls the ``notify`` callable it is given, e.g.
``request.registry.notify``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .definition import Transition, Workflow


@dataclass(frozen=True, eq=False)
class AfterTransition:
    """Emitted by :func:`~portal.workflow.engine.fire` after a transition.

    By then the object's state, ``__acl__`` and history have been updated.
    ``transition`` is the :class:`Transition` definition; ``from_state`` and
    ``to_state`` are state ids; ``when`` is timezone-aware.
    """

    object: Any
    workflow: Workflow
    transition: Transition
    from_state: str
    to_state: str
    actor: str
    comment: str
    when: datetime
    request: Any
