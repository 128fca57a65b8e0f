"""Exceptions of the workflow package.

Two families:

* :class:`WorkflowDefinitionError` stops loading a definition.  It carries
  *every* :class:`Problem` found, each naming its file and the offending
  state, transition or worklist, so one start-up shows all mistakes at once.
* :class:`TransitionError` and its subclasses are raised by
  :func:`portal.workflow.engine.fire`.  Their ``message`` is Chinese and is
  meant to be shown to the user as is.
"""

from __future__ import annotations

from dataclasses import dataclass


class WorkflowError(Exception):
    """Base class of every error raised by :mod:`portal.workflow`.

    ``message`` is a Chinese sentence that may be shown to a user.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One problem found in a workflow definition.

    ``source`` names the file (or ``<dict>``), ``where`` the part of the
    definition (e.g. ``状态 "draft"``), ``code`` is a stable English code
    tests and tools may match on, ``message`` is the Chinese explanation.
    """

    source: str
    where: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}：{self.where}：{self.message}"


class WorkflowDefinitionError(WorkflowError):
    """A workflow definition (or a set of them) is invalid.

    ``problems`` is the tuple of all :class:`Problem` found; ``str(error)``
    lists them one per line.
    """

    def __init__(self, problems):
        self.problems = tuple(problems)
        lines = [f"工作流定义有误（共 {len(self.problems)} 处）："]
        lines.extend(f"  - {p}" for p in self.problems)
        super().__init__("\n".join(lines))

    @property
    def codes(self) -> tuple[str, ...]:
        """The problem codes, in the order found."""
        return tuple(p.code for p in self.problems)


class AlreadyInitialized(WorkflowError):
    """:func:`initialize` was called on an object already in a workflow."""


class TransitionError(WorkflowError):
    """Base class of the refusals raised by :func:`fire`."""


class InvalidTransition(TransitionError):
    """The transition does not exist, the object is not in the workflow, or
    the object's current state is not one of the transition's sources."""


class TransitionNotAllowed(TransitionError):
    """The guard refused: the permission is not granted or a condition fails."""


class CommentRequired(TransitionError):
    """The transition requires a comment and none (or only blanks) was given."""


class MissingDocuments(TransitionError):
    """Documents the transition requires are not on the object (or not signed off).

    ``codes`` is the tuple of the missing documents' codes, in the order the
    transition lists them (absent ones first, then unsigned ones);
    ``transition`` the refused transition.
    """

    def __init__(self, message: str, codes, transition=None):
        super().__init__(message)
        self.codes = tuple(codes)
        self.transition = transition
