"""The import graph of ``portal`` (read with ``ast``, see ``imports``): no import circle runs
through two concerns (the last four known ones were broken); and the evolve
machinery imports no concern (each concern registers its own steps)."""

from .imports import concern, graph, strongly_connected

# Circles through more than one concern that predate this test, by the concerns they run
# through: none left (catalog/security, root/caching/layout/public, cases/documents and
# cases/home were broken). Never add one.
KNOWN = frozenset()


def circles_across_concerns():
    return {
        frozenset(concern(m) for m in members)
        for members in strongly_connected(graph())
        if len({concern(m) for m in members}) > 1
    }


def test_no_new_import_circle_runs_through_two_concerns():
    found = circles_across_concerns()
    assert found - KNOWN == set(), "a new import circle between concerns"
    assert KNOWN - found == set(), "a known circle is gone: delete it from KNOWN"


def test_the_evolve_machinery_imports_no_concern():
    edges = graph()
    imported = {t for m, ts in edges.items() if concern(m) == "portal.evolve" for t in ts}
    outside = {t for t in imported if concern(t) != "portal.evolve"}
    # the console script opens the database (storage) and reads the list of concerns (root)
    assert outside <= {"portal", "portal.storage", "portal.storage.scripts"}


def test_the_reader_sees_function_level_imports():
    edges = graph()
    # portal.notifications.sweep imports portal.storage.scripts inside main() only
    assert "portal.storage.scripts" in edges["portal.notifications.sweep"]
    # relative imports resolve: portal.reports imports .monthly inside includeme
    assert "portal.reports.monthly" in edges["portal.reports"]


def test_the_evolve_reports_notifications_circle_is_gone():
    for members in strongly_connected(graph()):
        assert "portal.evolve" not in {concern(m) for m in members}
