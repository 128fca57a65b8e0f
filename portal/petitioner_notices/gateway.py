"""The SMS gateway: one interface, configured in the ini, one real provider (``tencent``).

Contract of a gateway (``registry[GATEWAY_KEY]``, None when SMS is not configured):

* ``send(phone, template_code, params, reference) -> SendResult``: one text message with the
  provider's template for ``template_code`` (``params`` in the template's order). ``ok`` means
  the provider took it (``serial`` identifies it for the receipt); otherwise ``retry`` says
  whether trying later may help (rate limits, network, provider errors) or not (a number the
  provider refuses); ``deferred`` marks a rate limit, which is not counted as a failed attempt.
* ``receipts() -> [Receipt]``: delivery receipts the provider has for us since the last call.

Settings (``sms.*``; ``sms.provider`` unset means no gateway: messages stay in the outbox and
are written to the log only): ``sms.provider = tencent``, ``sms.secret_id``,
``sms.secret_key``, ``sms.sdk_app_id``, ``sms.sign_name``, ``sms.templates`` (``code:id``
pairs for every template of ``messages``), optional ``sms.endpoint``, ``sms.region``,
``sms.timeout`` (seconds), ``sms.max_per_run`` (messages per sweep, the local rate limit).
A missing or unknown setting stops start-up.
"""

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)
GATEWAY_KEY = "portal.sms_gateway"
PROVIDERS = ("tencent",)


@dataclass(frozen=True)
class SendResult:
    ok: bool
    serial: str = ""
    code: str = ""
    message: str = ""
    retry: bool = True
    deferred: bool = False


@dataclass(frozen=True)
class Receipt:
    serial: str
    delivered: bool
    code: str
    description: str
    at: object = None


def parse_templates(text):
    """``"registered:1001 accepted:1002"`` -> {"registered": "1001", ...}."""
    out = {}
    for pair in (text or "").replace(",", " ").split():
        code, sep, value = pair.partition(":")
        if not sep or not code or not value:
            raise ValueError(f"sms.templates: {pair!r} is not code:id")
        out[code.strip()] = value.strip()
    return out


def gateway_from_settings(settings):
    """The configured gateway, or None (see the module contract)."""
    provider = (settings.get("sms.provider") or "").strip()
    if not provider:
        return None
    if provider not in PROVIDERS:
        raise ValueError(f"sms.provider must be one of {PROVIDERS}, not {provider!r}")
    from .messages import templates

    ids = parse_templates(settings.get("sms.templates"))
    missing = [t.code for t in templates() if t.code not in ids]
    unknown = sorted(set(ids) - {t.code for t in templates()})
    if missing or unknown:
        raise ValueError(f"sms.templates: missing {missing}, unknown {unknown}")
    from .tencent import TencentSms

    return TencentSms.from_settings(settings, ids)


def configure_gateway(config):
    gateway = gateway_from_settings(config.get_settings())
    config.registry[GATEWAY_KEY] = gateway
    if gateway is None:
        log.info("sms.provider is not set: petitioner text messages stay in the outbox")


def get_gateway(registry):
    return registry.get(GATEWAY_KEY)
