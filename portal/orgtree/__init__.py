"""The organisation tree in the browser: unit pages, administration, xlsx/CSV import and export."""


def includeme(config):
    from .actions import add_unit_action

    config.add_directive("add_unit_action", add_unit_action)
    config.include(".views")
