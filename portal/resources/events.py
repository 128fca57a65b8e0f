"""Events sent when the resource tree changes. Side effects (indexing, audit) subscribe to them."""


class _ObjectEvent:
    def __init__(self, obj, parent, name):
        self.object = obj
        self.parent = parent
        self.name = name


class ObjectAdded(_ObjectEvent):
    """``object`` was added to ``parent`` under ``name`` (sent for the top object only)."""


class ObjectWillBeRemoved(_ObjectEvent):
    """``object`` is about to leave ``parent``; it is still attached, so paths resolve."""


class ObjectMoved(_ObjectEvent):
    """``object`` now lives at ``parent``/``name``; ``old_parent``/``old_name`` say where it was."""

    def __init__(self, obj, parent, name, old_parent, old_name):
        super().__init__(obj, parent, name)
        self.old_parent = old_parent
        self.old_name = old_name


class ObjectModified:
    """``object``'s own attributes changed (title, state ...); ``indexes`` may name what to reindex."""

    def __init__(self, obj, indexes=None):
        self.object = obj
        self.indexes = indexes
