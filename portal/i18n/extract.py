"""A lingua extractor for the workflow definitions (``workflows/*.toml``): every ``title`` there
(workflows, states, transitions, worklists, parties) is a message the portal shows; the loader
(``portal.workflow.loading``) marks them with ``_`` when it builds the definitions.

Registered as the ``lingua.extractors`` entry point ``portal_toml`` (setup.cfg) and mapped to
``.toml`` in ``lingua.cfg``. Used only by ``pot-create`` (the ``i18n`` extra), never at run time.
"""

import tomllib

from lingua.extractors import Extractor, Message

KEYS = ("title",)


def titles(data):
    """Every string under a ``title`` key, depth first, in file order."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in KEYS and isinstance(value, str):
                yield value
            else:
                yield from titles(value)
    elif isinstance(data, list):
        for value in data:
            yield from titles(value)


class TomlTitles(Extractor):
    extensions = [".toml"]

    def __call__(self, filename, options, fileobj=None, lineno=0):
        with open(filename, "rb") as f:
            raw = f.read()
        lines = raw.decode("utf-8").splitlines()
        for title in titles(tomllib.loads(raw.decode("utf-8"))):
            where = next((i + 1 for i, line in enumerate(lines) if f'"{title}"' in line), 0)
            yield Message(None, title, None, [], "", "", (filename, where))
