"""Asking the wrapped application for an answer that can be kept (both caches in front of it)."""


def whole_answer(app, environ):
    """``(status, headers, body)`` of a plain GET for ``environ``'s URL: the client's
    conditions (``If-None-Match``, ``If-Modified-Since``) and a HEAD are left out, so that the
    answer is complete and may serve later requests; the app's iterable is always closed."""
    inner = {k: v for k, v in environ.items() if k not in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")}
    inner["REQUEST_METHOD"] = "GET"
    captured = {}

    def capture(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers
        return lambda data: None

    result = app(inner, capture)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return captured["status"], list(captured["headers"]), body
