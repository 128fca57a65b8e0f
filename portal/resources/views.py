"""Which views are registered for a kind of resource (read from Pyramid's introspector)."""


def view_names_for(registry, resource_class):
    """Names of the views registered for ``resource_class`` (or for any context): what the
    navigation and the unit actions check their links against at start-up."""
    names = set()
    for view in registry.introspector.get_category("views"):
        intr = view["introspectable"]
        context = intr["context"]
        if context is None or (isinstance(context, type) and issubclass(resource_class, context)):
            names.add(intr["name"])
    return names
