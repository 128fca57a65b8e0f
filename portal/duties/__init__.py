"""The regulation's standing duties, chapters 2 to 5: who must do what, by when, and what the
level above sees.

* 第二章 the petition leading group and its monthly meeting -- ``leading_group``;
* 第四章第一节 leaders' reception days: schedule, rotation, substitution approved by the
  principal leader, the register, matters becoming cases, statistics -- ``receptions``;
* 第五章第三节 petition meetings, attendees picked, recordings attached -- ``meetings``;
* 第五章第五节 training plans, registers fed back to the trainee's unit, coverage --
  ``training``;
* 第四章第二节 leaders' instructions fed back, major matters handed up -- ``instructions``;
* 第四章第四节 first contact from anyone's to-do page, hand-overs, failures --
  ``first_contact``;
* 第五章第六节 the yearly volume carries these records (``portal.documents.archive``).

Shared parts: ``store`` (``site.duties``), ``dates`` (the one clock read), ``scope`` (which
units carry which duty, the level above), ``people`` (pickers: leaders, staff, attendees),
``records`` (documents kept in step with the records), ``notices``, ``status`` (a unit at a
glance), ``board`` (the level above's view), ``indicators`` (counts for the annual
assessment), ``sweep`` (reminders and overdue marks in ``portal-sweep``), ``forms``,
``views/``.
"""


def install(site):
    """Create ``site.duties`` (called by an evolve step; idempotent)."""
    from .store import install_store

    install_store(site)


def includeme(config):
    from portal.i18n import _

    config.include(".evolution")
    from portal.documents.resource import Document  # noqa: F401  (documents before duties)
    from portal.resources.events import ObjectAdded, ObjectModified

    from .receptions.register import on_register_changed

    config.include(".meetings")
    config.include(".training")
    config.include(".instructions")
    config.include(".sweep")
    config.add_subscriber(on_register_changed, ObjectAdded)
    from .first_contact import subscribers as first_contact_subscribers

    first_contact_subscribers(config)
    config.add_subscriber(on_register_changed, ObjectModified)
    config.add_document_form("leading_group", "leading-group", "edit-duty")
    config.add_document_form("meeting_minutes", "add-meeting", "edit-meeting")
    config.add_document_form("training_record", "add-training")
    config.add_document_form("reception_schedule", "reception-days", "edit-reception")
    config.add_document_form("reception_register", "reception-days", "edit-reception")
    config.add_panel(
        "duties-unit", "portal.resources.Unit", ".views.hub.unit_panel", "portal.duties:templates/panel.pt"
    )
    config.add_panel(
        "duties-case",
        "portal.cases.resource.Case",
        ".views.case_panel.case_panel",
        "portal.duties:templates/case_panel.pt",
    )
    config.add_todo_provider("duties", ".views.hub.todo")
    config.add_unit_action("reception-days", "接待日安排", order=50, allowed=".scope.may_view_receptions")
    config.add_unit_action("duties", "工作制度", order=51, allowed=".scope.may_view_duties")
    config.include(".views")
    from portal.security import permissions as P

    config.add_nav_item("my-receptions", _("接访"), P.VIEW_HOME, order=50)
    config.add_nav_item("my-duties", _("工作制度"), P.VIEW_HOME, order=60)
