"""A requests session whose connections a :class:`~cxr_viewer.net.abort.ConnectionAborter` can cut.

requests offers no way to stop a call that is waiting for a silent server: the read timeout (30 s) runs out
first, per file for STOW-RS. The session here hands every connection it opens to the aborter, which shuts the
socket down on Cancel; the waiting call then fails at once with a ConnectionError that the caller reads as
"cancelled" because the cancel event is set.
"""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3 import PoolManager
from urllib3.connectionpool import HTTPConnectionPool

from cxr_viewer.net.abort import ConnectionAborter


class _WatchedPoolManager(PoolManager):
    """Pools whose new connections are registered with the aborter (the connection's ``sock`` exists only once it
    is connected, hence a getter). ``_new_pool`` and the pool's ``_new_conn`` are urllib3 internals, not public
    API: an urllib3 release that renames them breaks Cancel for DICOMweb, which the silent-server tests in
    ``tests/pacs/test_cancel_silent_peer.py`` would show."""

    def __init__(self, aborter: ConnectionAborter, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._aborter = aborter

    def _new_pool(self, scheme: str, host: str, port: int,
                  request_context: dict[str, Any] | None = None) -> HTTPConnectionPool:
        pool = super()._new_pool(scheme, host, port, request_context)
        new_conn, aborter = pool._new_conn, self._aborter

        def watched_new_conn():
            conn = new_conn()
            aborter.watch(lambda: getattr(conn, "sock", None))
            return conn

        pool._new_conn = watched_new_conn  # type: ignore[method-assign]
        return pool


class _AbortableAdapter(HTTPAdapter):
    def __init__(self, aborter: ConnectionAborter) -> None:
        self._aborter = aborter  # before super().__init__, which builds the pool manager
        super().__init__()

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        self._pool_connections, self._pool_maxsize, self._pool_block = connections, maxsize, block
        self.poolmanager = _WatchedPoolManager(self._aborter, num_pools=connections, maxsize=maxsize, block=block,
                                               **pool_kwargs)


def abortable_session(aborter: ConnectionAborter) -> requests.Session:
    """A session whose direct connections Cancel can cut. Requests sent through an HTTP proxy (from the
    environment) go through requests' own proxy manager and are not watched: Cancel then waits for them."""
    session = requests.Session()
    adapter = _AbortableAdapter(aborter)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
