"""The case lifecycle: registration, acceptance, instruction, assignment down the tree, handling,
conclusion, reply, review and archive; identity masking and its audit log; worklists and ledgers.

Access follows the handling chain (``chain``): which units stand in which relation to a case.
"""


def includeme(config):
    from portal.i18n import _

    config.include(".evolution")
    from portal.resources.events import ObjectAdded
    from portal.workflow.events import AfterTransition

    from . import access, assignment, lifecycle, notices, review
    from .chain import ChainChanged
    from .conditions import CONDITIONS

    for name, condition in CONDITIONS.items():
        config.add_workflow_condition(name, condition)
    # in this order: deadlines, the chain, the deciding unit, then the notices (which read both)
    config.add_subscriber(lifecycle.on_transition, AfterTransition)
    config.add_subscriber(assignment.on_transition, AfterTransition)
    config.add_subscriber(review.on_transition, AfterTransition)
    config.add_subscriber(notices.on_transition, AfterTransition)
    config.add_subscriber(access.reindex_chain, ChainChanged)
    config.add_subscriber(notices.on_chain_changed, ChainChanged)
    config.add_subscriber(review.on_document_added, ObjectAdded)
    config.include(".views")
    config.include(".ledger")
    config.add_unit_action("cases", "信访事项台账", order=10)
    config.include(".ownership")
    config.include(".overdue")
    config.scan(".extension")
    config.scan(".delivery")
    config.scan(".attachments")
    from portal.documents.views import add_container_views
    from portal.workflow.views import COMMENT_TEXT_KEY

    from .identity import comment_text
    from .resource import Case

    add_container_views(config, Case)  # @@documents, @@add-document, @@volume on a case
    config.registry[COMMENT_TEXT_KEY] = comment_text  # history comments mask identity
    from portal.security import permissions as P

    config.add_nav_item("ledger", _("信访事项台账"), P.VIEW_HOME, order=20)
    config.add_nav_item("owned-cases", _("我包案的事项"), P.VIEW_HOME, order=30)
    config.add_nav_item("identity-audit", _("身份信息查看日志"), P.MANAGE_SITE, order=160)
