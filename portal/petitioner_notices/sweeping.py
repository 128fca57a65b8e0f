"""Petitioner notices outside requests: the SMS gateway from the ini and the delivery task
(included by the concern)."""


def includeme(config):
    from .delivery import FAILED_KIND, deliver
    from .gateway import configure_gateway

    configure_gateway(config)
    config.add_notification_kind(FAILED_KIND)
    config.add_sweep_task("petitioner_notices", deliver, "告知信访人短信和邮件", deliver=True)
