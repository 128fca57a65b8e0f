"""Tencent Cloud SMS (API 3.0, version 2021-01-11): SendSms and PullSmsSendStatus over HTTPS,
signed with TC3-HMAC-SHA256.

``sign`` is the signature algorithm alone (the local test server verifies requests with it);
``TencentSms`` is the gateway (see ``gateway`` for the contract). Requests are signed with the
real wall clock: the provider rejects a timestamp more than five minutes off. Error codes
starting with ``LimitExceeded`` or ``RequestLimitExceeded`` are rate limits (deferred, not a
failed attempt); ``InvalidParameterValue...``, ``FailedOperation.Phone...``
and ``UnsupportedOperation...`` cannot succeed later; anything else may.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from portal import clock

from .gateway import Receipt, SendResult

SERVICE = "sms"
VERSION = "2021-01-11"
ALGORITHM = "TC3-HMAC-SHA256"
CONTENT_TYPE = "application/json; charset=utf-8"
DEFAULT_ENDPOINT = "https://sms.tencentcloudapi.com/"
PERMANENT = (
    "InvalidParameterValue",
    "FailedOperation.PhoneNumber",
    "UnsupportedOperation",
    "FailedOperation.TemplateIncorrectOrUnapproved",
    "FailedOperation.SignatureIncorrectOrUnapproved",
)
RATE_LIMITS = ("LimitExceeded", "RequestLimitExceeded")


def _hmac(key, text):
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def sign(secret_id, secret_key, host, payload, timestamp, service=SERVICE, content_type=CONTENT_TYPE):
    """The ``Authorization`` header of a POST of ``payload`` (bytes) to ``host`` at
    ``timestamp`` (Unix seconds)."""
    day = clock.utc_day(timestamp)
    canonical = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:{content_type}\nhost:{host}\n",
            "content-type;host",
            hashlib.sha256(payload).hexdigest(),
        ]
    )
    scope = f"{day}/{service}/tc3_request"
    to_sign = "\n".join(
        [ALGORITHM, str(timestamp), scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest()]
    )
    key = _hmac(_hmac(_hmac(("TC3" + secret_key).encode("utf-8"), day), service), "tc3_request")
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    return (
        f"{ALGORITHM} Credential={secret_id}/{scope}, SignedHeaders=content-type;host, Signature={signature}"
    )


def mainland(phone):
    """E.164 for a mainland mobile number: +8613812345678."""
    digits = "".join(c for c in phone if c.isdigit())
    return "+86" + digits[-11:]


class TencentSms:
    def __init__(
        self,
        secret_id,
        secret_key,
        sdk_app_id,
        sign_name,
        template_ids,
        endpoint=DEFAULT_ENDPOINT,
        region="ap-guangzhou",
        timeout=10.0,
        max_per_run=200,
    ):
        self.secret_id = secret_id
        self.secret_key = secret_key
        self.sdk_app_id = sdk_app_id
        self.sign_name = sign_name
        self.template_ids = dict(template_ids)
        self.endpoint = endpoint
        self.host = urlsplit(endpoint).netloc
        self.region = region
        self.timeout = timeout
        self.max_per_run = max_per_run

    @classmethod
    def from_settings(cls, settings, template_ids):
        missing = [
            k
            for k in ("sms.secret_id", "sms.secret_key", "sms.sdk_app_id", "sms.sign_name")
            if not settings.get(k)
        ]
        if missing:
            raise ValueError("sms.provider = tencent needs " + ", ".join(missing))
        return cls(
            settings["sms.secret_id"],
            settings["sms.secret_key"],
            settings["sms.sdk_app_id"],
            settings["sms.sign_name"],
            template_ids,
            endpoint=settings.get("sms.endpoint") or DEFAULT_ENDPOINT,
            region=settings.get("sms.region") or "ap-guangzhou",
            timeout=float(settings.get("sms.timeout") or 10),
            max_per_run=int(settings.get("sms.max_per_run") or 200),
        )

    def _call(self, action, body):
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        timestamp = int(time.time())
        request = urllib.request.Request(
            self.endpoint,
            data=payload,
            method="POST",
            headers={
                "Authorization": sign(self.secret_id, self.secret_key, self.host, payload, timestamp),
                "Content-Type": CONTENT_TYPE,
                "Host": self.host,
                "X-TC-Action": action,
                "X-TC-Version": VERSION,
                "X-TC-Timestamp": str(timestamp),
                "X-TC-Region": self.region,
            },
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read().decode("utf-8"))["Response"]

    def send(self, phone, template_code, params, reference=""):
        body = {
            "PhoneNumberSet": [mainland(phone)],
            "SmsSdkAppId": self.sdk_app_id,
            "SignName": self.sign_name,
            "TemplateId": self.template_ids[template_code],
            "TemplateParamSet": [str(p) for p in params],
            "SessionContext": reference,
        }
        try:
            answer = self._call("SendSms", body)
        except (OSError, ValueError, KeyError) as exc:  # network, HTTP error, bad JSON
            return SendResult(False, code="NetworkError", message=str(exc)[:200])
        error = answer.get("Error")
        if error is not None:
            return self._failure(error.get("Code", ""), error.get("Message", ""))
        [status] = answer.get("SendStatusSet") or [{}]
        if status.get("Code") == "Ok":
            return SendResult(
                True, serial=status.get("SerialNo", ""), code="Ok", message=status.get("Message", "")
            )
        return self._failure(status.get("Code", ""), status.get("Message", ""))

    @staticmethod
    def _failure(code, message):
        if code.startswith(RATE_LIMITS):
            return SendResult(False, code=code, message=message, deferred=True)
        return SendResult(False, code=code, message=message, retry=not code.startswith(PERMANENT))

    def receipts(self):
        try:
            answer = self._call("PullSmsSendStatus", {"Limit": 100, "SmsSdkAppId": self.sdk_app_id})
        except (OSError, ValueError, KeyError):
            return []
        out = []
        for item in answer.get("PullSmsSendStatusSet") or []:
            at = item.get("UserReceiveUnixTime")
            out.append(
                Receipt(
                    item.get("SerialNo", ""),
                    item.get("ReportStatus") == "SUCCESS",
                    item.get("ReportStatus", ""),
                    item.get("Description", ""),
                    clock.from_timestamp(at) if at else None,
                )
            )
        return out
