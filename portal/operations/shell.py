"""``pshell INI``: an interactive shell on the portal (``[pshell] setup`` in the ini files).

``pshell`` starts the application with ``pyramid.paster.bootstrap`` as the console scripts do
(``portal.storage.scripts``) and then calls :func:`setup`, which adds to the namespace:

* ``site``: the stored site (郑州市教育局), the same object as ``root``;
* ``tm``: the request's transaction manager (``tm.commit()`` stores what you changed,
  ``tm.abort()`` forgets it; nothing is committed for you);
* ``find``: ``find('/zhongyuan/s01')`` is the unit (or case) at that path;
* ``search``: the catalog search (``search(site, Eq(site.catalog['kind'], 'case'))``);
* ``today``: the portal's clock's date.
"""

from pyramid.traversal import find_resource

from portal import clock
from portal.catalog.catalog import search


def setup(env):
    """Add the names above to ``env`` (pshell's namespace) and to its help text."""
    site = env["root"]
    env["site"] = site
    env["tm"] = env["request"].tm
    env["find"] = lambda path: find_resource(site, path)
    env["search"] = search
    env["today"] = clock.today()
    env.setdefault("help", "")
    env["help"] += (
        "\n\nportal: site (郑州市教育局), tm (tm.commit() / tm.abort()), find('/zhongyuan'), "
        "search(site, query), today"
    )
