"""The Receiver tab: start and stop our storage SCP and watch what arrives.

The SCP stores on pynetdicom's threads and indexes through the index writer; this tab only polls the
thread-safe counters twice a second, so a burst of incoming images never floods the GUI with signals.
Refused instances and files the index could not read are listed with their reasons.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.errors import PacsError
from cxr_viewer.net.receiver_service import IndexedReceiver, allowed_senders

POLL_MS = 500
SHOWN_ERRORS = 20


class ReceiverTab(QWidget):
    state_changed = Signal(bool)

    def __init__(self, settings: PacsSettings, receiver: IndexedReceiver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings, self.receiver = settings, receiver
        self.start_button, self.stop_button = QPushButton("&Start receiver"), QPushButton("S&top")
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.state, self.identity, self.allowed = QLabel(), QLabel(), QLabel()
        self.store, self.received = QLabel(), QLabel("0")
        for label in (self.state, self.identity, self.allowed, self.store):  # a why-not-started widened the window
            label.setWordWrap(True)
        self.errors = QListWidget()
        self.errors.setAccessibleName("Receiver problems")
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.update_counts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch()
        form = QFormLayout()
        for label, widget in (("State", self.state), ("Listening as", self.identity), ("Accepts from", self.allowed),
                              ("Stores into", self.store), ("Received", self.received)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(form)
        problems = QLabel("Last &problems")
        problems.setBuddy(self.errors)
        layout.addWidget(problems)
        layout.addWidget(self.errors, 1)
        self.refresh()

    def refresh(self) -> None:
        """Show the configuration the next start will use (or the running one)."""
        running = self.receiver.running
        port = self.receiver.port if running else self.settings.scp_port
        self.identity.setText(f"{self.settings.ae_title} on {self.settings.scp_bind_address}:{port}")
        self.allowed.setText(", ".join(allowed_senders(self.settings)) or "nobody yet: add a node first")
        self.store.setText(str(self.settings.resolved_store_dir()))
        self.state.setText("running" if running else "stopped")
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)

    def start(self) -> None:
        try:
            self.receiver.start(self.settings)
        except PacsError as exc:
            self.state.setText(f"not started: {exc}")
            return
        self._timer.start()
        self.refresh()
        self.update_counts()
        self.state_changed.emit(True)

    def stop(self) -> None:
        self._timer.stop()
        report = self.receiver.stop()
        self.refresh()
        self.update_counts()
        self.state.setText(f"stopped; index: {report.summary()}")
        self.state_changed.emit(False)

    def update_counts(self) -> None:
        log = self.receiver.log
        with log.lock:
            stored, rejected = len(log.stored), list(log.rejected[-SHOWN_ERRORS:])
        problems = [f"refused 0x{status:04X}: {reason}" for status, reason in rejected]
        problems += [f"not indexed: {path}: {reason}" for path, reason in self.receiver.index_failures()]
        self.received.setText(f"{stored} instances, {len(rejected)} refused")
        if problems[-SHOWN_ERRORS:] != [self.errors.item(i).text() for i in range(self.errors.count())]:
            self.errors.clear()
            self.errors.addItems(problems[-SHOWN_ERRORS:])
