"""A local server that speaks Tencent Cloud SMS's API (SendSms, PullSmsSendStatus), for the
tests and for trying the portal's text messages by hand.

It listens on 127.0.0.1 only, checks every request as the provider would -- the
TC3-HMAC-SHA256 signature (with the secret it was given, against the headers and body it
received, timestamp within five minutes), the app id, the sign name, the template id and its
number of parameters -- and keeps what arrives in ``received`` (dicts: phone, template,
params, sign, serial, reference). It can fail on demand: ``fail_next(code)`` answers the next
send(s) with a provider error; ``undeliverable(phone)`` makes receipts for that number report
FAIL. Each accepted message gets a receipt (``PullSmsSendStatus`` returns each once).

    python -m portal.testing.sms --port 8089   # prints the sms.* settings for development.ini
"""

import hashlib
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from portal.petitioner_notices.tencent import VERSION, sign

SECRET_ID = "AKIDlocaltest0000000000000000000000"
SECRET_KEY = "localtestsecretkey0000000000000000"
APP_ID = "1400000001"
SIGN_NAME = "郑州市教育局"


def default_templates():
    """template id -> (code, number of parameters) for every template of the portal."""
    from portal.petitioner_notices.messages import templates

    return {str(2000000 + i): (t.code, len(t.params)) for i, t in enumerate(templates())}


class LocalSms:
    def __init__(
        self, templates=None, secret_id=SECRET_ID, secret_key=SECRET_KEY, app_id=APP_ID, sign_name=SIGN_NAME
    ):
        self.templates = templates or default_templates()
        self.secret_id, self.secret_key = secret_id, secret_key
        self.app_id, self.sign_name = app_id, sign_name
        self.received = []
        self.refused = []  # (error code, body) of requests answered with an error
        self._failures = []
        self._undeliverable = set()
        self._pending_receipts = []
        self._serials = itertools.count(1)
        self._lock = threading.Lock()
        self.server = None

    # ---- control -------------------------------------------------------
    def fail_next(self, code="InternalError.Timeout", times=1):
        with self._lock:
            self._failures.extend([code] * times)

    def undeliverable(self, phone):
        self._undeliverable.add(phone[-11:])

    def settings(self):
        codes = " ".join(f"{code}:{tid}" for tid, (code, _n) in self.templates.items())
        return {
            "sms.provider": "tencent",
            "sms.endpoint": self.url,
            "sms.secret_id": self.secret_id,
            "sms.secret_key": self.secret_key,
            "sms.sdk_app_id": self.app_id,
            "sms.sign_name": self.sign_name,
            "sms.templates": codes,
            "sms.timeout": "5",
        }

    def texts(self):
        """What arrived, as the phone would show it (template text with the parameters)."""
        from portal.petitioner_notices.messages import templates

        by_code = {t.code: t for t in templates()}
        out = []
        for item in self.received:
            template = by_code[item["template"]]
            out.append(
                (
                    item["phone"],
                    f"【{item['sign']}】" + template.render(dict(zip(template.params, item["params"]))),
                )
            )
        return out

    # ---- the API -------------------------------------------------------
    def handle(self, headers, body):
        """(status, answer dict) for one request."""
        request_id = hashlib.sha1(body + str(time.time()).encode()).hexdigest()[:16]

        def error(code, message):
            self.refused.append((code, body))
            return 200, {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}

        try:
            timestamp = int(headers.get("X-TC-Timestamp", "0"))
        except ValueError:
            timestamp = 0
        if abs(time.time() - timestamp) > 300:
            return error("AuthFailure.SignatureExpire", "timestamp expired")
        expected = sign(
            self.secret_id,
            self.secret_key,
            headers.get("Host", ""),
            body,
            timestamp,
            content_type=headers.get("Content-Type", ""),
        )
        if headers.get("Authorization") != expected:
            return error("AuthFailure.SignatureFailure", "signature mismatch")
        if headers.get("X-TC-Version") != VERSION:
            return error("InvalidParameter", "version")
        try:
            data = json.loads(body.decode("utf-8"))
        except ValueError:
            return error("InvalidParameter", "body is not JSON")
        if data.get("SmsSdkAppId") != self.app_id:
            return error("FailedOperation.MissingSignatureList", "unknown SmsSdkAppId")
        action = headers.get("X-TC-Action")
        if action == "SendSms":
            return self._send(data, request_id, error)
        if action == "PullSmsSendStatus":
            with self._lock:
                batch, self._pending_receipts = (
                    self._pending_receipts[: data.get("Limit", 100)],
                    self._pending_receipts[data.get("Limit", 100) :],
                )
            return 200, {"Response": {"PullSmsSendStatusSet": batch, "RequestId": request_id}}
        return error("InvalidAction", f"unknown action {action}")

    def _send(self, data, request_id, error):
        if data.get("SignName") != self.sign_name:
            return error("FailedOperation.SignatureIncorrectOrUnapproved", "sign name")
        template = self.templates.get(data.get("TemplateId"))
        if template is None:
            return error("FailedOperation.TemplateIncorrectOrUnapproved", "template")
        params = data.get("TemplateParamSet") or []
        if len(params) != template[1] or not all(isinstance(p, str) and p for p in params):
            return error("InvalidParameterValue.TemplateParameterFormatError", "parameters")
        [phone] = data.get("PhoneNumberSet") or [""]
        if not (phone.startswith("+86") and len(phone) == 14):
            return error("InvalidParameterValue.IncorrectPhoneNumber", "phone")
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
        if failure:
            return error(failure, "failing on demand")
        serial = f"2640:{next(self._serials):010d}"
        self.received.append(
            {
                "phone": phone[3:],
                "template": template[0],
                "params": params,
                "sign": data["SignName"],
                "serial": serial,
                "reference": data.get("SessionContext", ""),
            }
        )
        delivered = phone[3:] not in self._undeliverable
        with self._lock:
            self._pending_receipts.append(
                {
                    "UserReceiveTime": time.strftime("%Y-%m-%d %H:%M:%S"),
                    "UserReceiveUnixTime": int(time.time()),
                    "CountryCode": "86",
                    "SubscriberNumber": phone[3:],
                    "PhoneNumber": phone,
                    "SerialNo": serial,
                    "ReportStatus": "SUCCESS" if delivered else "FAIL",
                    "Description": "用户短信送达成功" if delivered else "空号或停机",
                    "SessionContext": data.get("SessionContext", ""),
                }
            )
        return 200, {
            "Response": {
                "SendStatusSet": [
                    {
                        "SerialNo": serial,
                        "PhoneNumber": phone,
                        "Fee": 1,
                        "SessionContext": data.get("SessionContext", ""),
                        "Code": "Ok",
                        "Message": "send success",
                        "IsoCode": "CN",
                    }
                ],
                "RequestId": request_id,
            }
        }

    # ---- serving -------------------------------------------------------
    def start(self, port=0):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                status, answer = owner.handle(self.headers, body)
                data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, name="local-sms", daemon=True).start()
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main(argv=None):  # pragma: no cover - a developer's tool
    import argparse

    parser = argparse.ArgumentParser(description="本地短信接口（腾讯云短信 API 3.0）")
    parser.add_argument("--port", type=int, default=8089)
    args = parser.parse_args(argv)
    sms = LocalSms().start(args.port)
    print("# add to development.ini:")
    for key, value in sms.settings().items():
        print(f"{key} = {value}")
    print("# messages that arrive are printed below", flush=True)
    seen = 0
    try:
        while True:
            time.sleep(1)
            for phone, text in sms.texts()[seen:]:
                print(phone, text, flush=True)
            seen = len(sms.received)
    except KeyboardInterrupt:
        sms.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
