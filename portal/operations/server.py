"""waitress, keeping the connection open after a 304.

waitress 3.0 closes the connection after every answer without a body and without a
``Content-Length`` — which is every 304 Not Modified, although RFC 7230 says such an answer
ends at its headers. A revalidating client (nginx's cache, a browser) then pays a new TCP
connection for each 304: the cheapest answer the portal gives becomes one of the dearest.
This module serves with a task class that keeps an HTTP/1.1 connection open after a 304 or
204 unless the client asked to close it; everything else is waitress's own behaviour.

``production.ini`` uses it as its server (``use = egg:zz-petition-portal#main`` in
``[server:main]``, with waitress's settings); ``create_server`` is waitress's with this fix.
"""

import waitress
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.task import WSGITask


class BodylessKeepAliveTask(WSGITask):
    def build_response_header(self):
        keep = (
            not self.has_body
            and self.version == "1.1"
            and self.request.headers.get("CONNECTION", "").lower() != "close"
        )
        self._keep_open = keep
        try:
            return super().build_response_header()
        finally:
            self._keep_open = False

    def set_close_on_finish(self):
        if getattr(self, "_keep_open", False):
            return
        super().set_close_on_finish()


class KeepAliveChannel(HTTPChannel):
    task_class = BodylessKeepAliveTask


def create_server(app, **kw):
    """``waitress.create_server`` whose connections keep alive after bodyless answers."""
    server = waitress.create_server(app, **kw)
    for dispatcher in list(getattr(server, "map", {}).values()) + [server]:
        if isinstance(dispatcher, BaseWSGIServer):
            dispatcher.channel_class = KeepAliveChannel
    return server


def serve(app, global_conf=None, **kw):
    """PasteDeploy server runner (``[server:main] use = egg:zz-petition-portal#main``)."""
    waitress.serve(app, _server=create_server, **kw)
    return 0
