"""Events of the public area; other concerns subscribe (petitioner notices carry the code)."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class QueryCodeIssued:
    """A query code was issued for the case at ``case_path``; ``code`` is the plain code, which
    exists only now (the store keeps its hash). ``reason``: ``online`` (an online petition was
    submitted), ``accept`` (issued at acceptance) or ``reissue`` (staff issued a new one)."""

    site: object
    case_path: str
    code: str
    when: datetime
    reason: str
