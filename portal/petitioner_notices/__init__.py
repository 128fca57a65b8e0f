"""Petitioner notices: the petitioner is told at each step that concerns them, by text message
to the phone on the case and by mail where the case has an address.

Modules: ``messages`` (the one declarative table step -> templates, validated at start-up),
``queueing`` (subscribers that queue a notice on registration, on the transitions of the table
and when a query code is issued), ``store`` (``site.petitioner_notices``: messages, the record
per case, the outbox), ``gateway`` (the SMS gateway interface and its settings) with
``tencent`` (Tencent Cloud SMS, TC3-HMAC-SHA256), ``mailing``, ``delivery`` (the sweep's
delivery task: sending hours, retries, receipts, giving up), ``optout`` (the petitioner's choice
on the query page), ``views`` (the record on the case). The local test server that speaks the
provider's API is ``portal.testing.sms``.
"""


def install(site):
    """Create the store on the site unless it has one (an evolve step calls it)."""
    from .store import install_store

    install_store(site)


def validate_on_start(config):
    """Check the step table against the loaded case workflow (after the workflows load)."""
    from portal.workflow.engine import WORKFLOWS_KEY

    from .messages import validate

    def check():
        workflow = config.registry[WORKFLOWS_KEY]["case"]
        validate(set(workflow.transitions))

    config.action("portal-petitioner-notices-validate", check, order=60)


def includeme(config):
    config.include(".evolution")
    from portal.public.events import QueryCodeIssued
    from portal.resources.events import ObjectAdded
    from portal.workflow.events import AfterTransition

    from . import queueing

    config.include(".sweeping")
    config.add_subscriber(queueing.on_case_added, ObjectAdded)
    config.add_subscriber(queueing.on_transition, AfterTransition)
    config.add_subscriber(queueing.on_code_issued, QueryCodeIssued)
    validate_on_start(config)
    config.include(".views")
