"""To-do items other concerns add to 我的待办 beside the cases waiting for the user.

``config.add_todo_provider(name, provider)`` declares ``provider(request) -> [TodoItem]``;
the home page lists every provider's items (in provider-name order, then by due date) in one
table under the cases. A provider answers only for the signed-in user and must be cheap: it
runs on every visit to the home page.
"""

from dataclasses import dataclass
from datetime import date

KEY = "portal.home.todo_providers"


@dataclass(frozen=True)
class TodoItem:
    title: str  # what waits (names a unit or a day, never a petitioner)
    url: str
    what: str  # the kind of work, e.g. 接待日登记, 代接待审批
    due: date | None = None
    level: str = "normal"  # a deadline level code: normal, due_soon, due_today, overdue
    note: str = ""


def add_todo_provider(config, name, provider):
    provider = config.maybe_dotted(provider)

    def register():
        providers = config.registry.get(KEY)
        if providers is None:
            providers = config.registry[KEY] = {}
        providers[name] = provider

    config.action(("portal.todo_provider", name), register)


def todo_items(request):
    """Every provider's items for the user: the most urgent first, then by due date."""
    from portal.cases.urgency import LEVEL_ORDER

    items = []
    for _name, provider in sorted((request.registry.get(KEY) or {}).items()):
        items.extend(provider(request) or ())
    rank = {code: i for i, code in enumerate(LEVEL_ORDER)}
    items.sort(key=lambda i: (rank.get(i.level, len(rank)), i.due or date.max, i.title))
    return items
