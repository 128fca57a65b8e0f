"""The organisation tree in the browser: unit pages, administration, xlsx/CSV import and export."""


def includeme(config):
    config.include(".views")
