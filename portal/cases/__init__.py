"""The case lifecycle: registration, acceptance, instruction, assignment down the tree, handling,
conclusion, reply, review and archive; identity masking and its audit log; worklists and ledgers.
"""


def includeme(config):
    from .conditions import CONDITIONS
    from portal.workflow.events import AfterTransition
    from .lifecycle import on_transition
    for name, condition in CONDITIONS.items():
        config.add_workflow_condition(name, condition)
    config.add_subscriber(on_transition, AfterTransition)
    config.include(".views")
    config.include(".ledger")
    config.include(".ownership")
    config.include(".overdue")
    config.scan(".extension")
    config.scan(".attachments")
    from portal.documents.views import add_container_views
    from .resource import Case
    add_container_views(config, Case)  # @@documents, @@add-document, @@volume on a case
