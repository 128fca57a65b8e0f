"""The organisation tree in the browser: unit pages, administration, xlsx/CSV import and export."""


def includeme(config):
    from .panels import add_unit_panel
    config.add_directive("add_unit_panel", add_unit_panel)
    config.include(".views")
