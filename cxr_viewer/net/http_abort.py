"""A requests session whose connections a :class:`~cxr_viewer.net.abort.ConnectionAborter` can cut.

requests offers no way to stop a call that is waiting for a silent server: the read timeout (30 s) runs out
first, per file for STOW-RS. The session here hands every connection it opens to the aborter, which shuts the
socket down on Cancel; the waiting call then fails at once with a ConnectionError that the caller reads as
"cancelled" because the cancel event is set.

requests opens connections from two kinds of urllib3 managers: the adapter's ``poolmanager`` for direct
requests, and one ``ProxyManager`` per proxy (``proxy_manager_for``, e.g. for ``HTTP_PROXY`` from the
environment). Both are watched; watching only the first left Cancel without effect behind a proxy, because the
socket to the proxy, the one the call waits on, was never handed to the aborter. Each connection also opens its
socket through :mod:`cxr_viewer.net.http_connect`, so Cancel stops a host lookup or a TCP connect in progress.
"""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3 import PoolManager
from urllib3.connectionpool import HTTPConnectionPool

from cxr_viewer.net.abort import ConnectionAborter
from cxr_viewer.net.http_connect import cancellable_connect


def _watch_new_connections(manager: PoolManager, aborter: ConnectionAborter) -> PoolManager:
    """Register every connection that ``manager``'s pools open (its ``sock`` exists only once connected, hence a
    getter). ``_new_pool`` and the pool's ``_new_conn`` are urllib3 internals, not public API: an urllib3 release
    that renames them breaks Cancel for DICOMweb, which ``tests/pacs/test_cancel_silent_peer.py`` and
    ``tests/pacs/test_dicomweb_proxy.py`` would show."""
    new_pool = manager._new_pool

    def watched_new_pool(scheme: str, host: str, port: int,
                         request_context: dict[str, Any] | None = None) -> HTTPConnectionPool:
        pool = new_pool(scheme, host, port, request_context=request_context)
        new_conn = pool._new_conn

        def watched_new_conn():
            conn = new_conn()
            aborter.watch(lambda: getattr(conn, "sock", None))
            cancellable_connect(conn, aborter)  # its connect too, for a server that drops our SYNs
            return conn

        pool._new_conn = watched_new_conn  # type: ignore[method-assign]
        return pool

    manager._new_pool = watched_new_pool  # type: ignore[method-assign]
    return manager


class _AbortableAdapter(HTTPAdapter):
    def __init__(self, aborter: ConnectionAborter) -> None:
        self._aborter = aborter  # before super().__init__, which builds the pool manager
        super().__init__()

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        _watch_new_connections(self.poolmanager, self._aborter)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        known = proxy in self.proxy_manager
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        return manager if known else _watch_new_connections(manager, self._aborter)


def abortable_session(aborter: ConnectionAborter) -> requests.Session:
    """A session whose connections Cancel can cut, direct or through a proxy."""
    session = requests.Session()
    adapter = _AbortableAdapter(aborter)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
