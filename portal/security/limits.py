"""Requests too large to handle are refused before anything parses them.

Contract (a ``ContextFound`` subscriber, so before any view, CSRF check or form reads
``request.POST``): a request with a body is refused with :class:`RequestRefused` (a Chinese
page in the staff or the public frame; nothing is changed) when

- its body is longer than ``portal.max_form_bytes`` (default :data:`MAX_FORM_BYTES`, 1 MB), or
  ``portal.max_upload_bytes`` for ``multipart/form-data`` (default 16 MB: a 10 MB attachment
  with its form) — checked on ``Content-Length`` before reading, and on what is read when a
  client sends none (status 413);
- it holds more than ``portal.max_form_fields`` fields (default :data:`MAX_FIELDS`, 2000) or
  more than ``portal.max_form_groups`` peppercorn groups (``__start__`` markers: mappings and
  sequence items; default :data:`MAX_GROUPS`, 300), counted on the raw bytes (status 400).

The largest form of the portal (a monthly report with many items) has a few hundred fields;
10,000 representatives in one registration used to take 38 s to parse and answer 22 MB.
"""

import re

from pyramid.events import ContextFound

MAX_FORM_BYTES = 1024 * 1024
MAX_UPLOAD_BYTES = 16 * 1024 * 1024
MAX_FIELDS = 2000
MAX_GROUPS = 300
_BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")
_START = re.compile(rb"(?:^|&)__start__=")


class RequestRefused(Exception):
    """``status`` and the Chinese ``message`` of the refusal page."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


TOO_LARGE = "提交的内容过大（超过{}），未予处理。附件请分多次上传；如需提交大量内容，请联系系统管理员。"
TOO_MANY = "提交的内容过多（{}），未予处理。请检查表单后重新提交。"


def _limit(settings, name, default):
    try:
        return int(settings.get(name, default))
    except (TypeError, ValueError):
        return default


def _size(n):
    return f"{n // (1024 * 1024)}MB" if n >= 1024 * 1024 else f"{n // 1024}KB"


def check_request(event):
    try:
        _check(event.request)
    except RequestRefused:
        event.request.body = b""  # whatever renders the refusal parses nothing
        raise


def _check(request):
    if request.method not in _BODY_METHODS:
        return
    settings = request.registry.settings
    multipart = (request.content_type or "").startswith("multipart/")
    limit = (
        _limit(settings, "portal.max_upload_bytes", MAX_UPLOAD_BYTES)
        if multipart
        else _limit(settings, "portal.max_form_bytes", MAX_FORM_BYTES)
    )
    length = request.content_length
    if length is not None and length > limit:
        raise RequestRefused(413, TOO_LARGE.format(_size(limit)))
    if length is None:
        body = request.body_file_raw.read(limit + 1)
        if len(body) > limit:
            raise RequestRefused(413, TOO_LARGE.format(_size(limit)))
        request.body = body
    body = request.body
    if multipart:
        boundary = (
            request.headers.get("Content-Type", "")
            .partition("boundary=")[2]
            .split(";")[0]
            .strip()
            .strip('"')
            .encode("latin-1", "replace")
        )
        fields = body.count(b"--" + boundary) - 1 if boundary else 0
        groups = body.count(b'name="__start__"')
    else:
        fields = body.count(b"&") + 1 if body else 0
        groups = len(_START.findall(body))
    most_fields = _limit(settings, "portal.max_form_fields", MAX_FIELDS)
    most_groups = _limit(settings, "portal.max_form_groups", MAX_GROUPS)
    if fields > most_fields:
        raise RequestRefused(400, TOO_MANY.format(f"超过{most_fields}项"))
    if groups > most_groups:
        raise RequestRefused(400, TOO_MANY.format(f"超过{most_groups}组"))


def includeme(config):
    config.add_subscriber(check_request, ContextFound)
