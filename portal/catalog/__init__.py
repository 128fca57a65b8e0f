"""The hypatia catalog: indexes, the Chinese text splitter, and the subscribers that keep it current."""

from .catalog import (
    allowed_query,
    ensure_indexes,
    index_object,
    install_catalog,  # noqa: F401
    reindex_object,
    resolve,
    search,
    text_query,
    unindex_object,
)


def includeme(config):
    config.include(".evolution")
    config.include(".grants")
    config.include(".subscribers")
