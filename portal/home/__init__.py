"""The signed-in user's home (我的待办) and the site settings page."""


def includeme(config):
    from .todo import add_todo_provider

    config.add_directive("add_todo_provider", add_todo_provider)
    config.include(".views")
