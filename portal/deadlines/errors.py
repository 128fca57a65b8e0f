"""Errors raised by the deadline engine.

Contract: every error carries a Chinese message fit to show to the user as is
(``str(error)``). ``DeadlineError`` subclasses ``ValueError`` so callers that only
know about bad input can still catch it.
"""


class DeadlineError(ValueError):
    """A refused operation or bad input; the message is Chinese, for the user."""


class UnknownLimit(DeadlineError, KeyError):
    """No limit with that code is declared in ``limits.LIMITS``."""

    def __str__(self):  # KeyError would quote the message otherwise
        return self.args[0] if self.args else ""


class LimitDefinitionError(Exception):
    """The declared limit table is inconsistent (a programming error, raised at import)."""
