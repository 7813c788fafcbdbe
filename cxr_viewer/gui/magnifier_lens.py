"""The magnifying glass's lens: a round window over one image pane showing the part of it under the pointer enlarged.

The lens draws the pane's *scene* (the film through its window, inversion, turn and flip, and the layers over it)
for the small square around the pointer, scaled up, so it shows exactly what the pane shows and nothing the pane
hides: an AI layer switched off, or a reader study's pause cover over the film, is the same in the lens, which
reading the film's pixels would not be. Drawing only that square costs about as much as repainting the lens's own
area, whatever the film's size; the film is never rendered again.

The lens is a child of the pane's frame (``PaneFrame``), laid over the pane, not a child of the pane: Export view
grabs the pane, so a key image never carries the lens, and it is no scene item, so the labels' layout and the
pixel readout never see it. It takes no mouse event: clicks, drags and the readout go to the pane under it.
It is round, as a hand lens is: the eye reads its centre, where the pointer is, and a circle gives the same margin
of context all round it, where a square's corners add area far from where one looks.

The lens is placed at a point on the screen, where the pointer rests, and kept there when the pane moves or resizes
under the still pointer (a dock hidden or shown, as a blinded read hides them): a child of the frame, it would
otherwise move with the pane, away from the pointer, until the next mouse move. Qt moves the pane, its viewport and
the frame in several steps while the window's layout settles, so the lens is placed again one event-loop turn
after the last of them, from the positions they end with.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.image_view import ImagePane

DIAMETER = 240  # screen pixels: about a fifth of a 1×1 pane's height, enough context round a 5–10 mm nodule
# display px per film px: bilinear below (searching: no stair-step edges that read as structure), nearest from here
# on, where single pixels are inspected and their blocks are the truth, as the pane itself draws them when zoomed in
SMOOTH_BELOW = 4.0
_GEOMETRY = {QtCore.QEvent.Type.Move, QtCore.QEvent.Type.Resize}
_RIM_DARK, _RIM_LIGHT = QtGui.QColor(0, 0, 0, 200), QtGui.QColor(230, 230, 230)  # seen on a white and a black film


class Lens(QtWidgets.QWidget):
    def __init__(self, pane: ImagePane, frame: QtWidgets.QWidget, power: float) -> None:
        super().__init__(frame)
        self.pane = pane
        self.power = power  # the magnifier sets it again when it changes (the wheel, + and −)
        self._spot = QtCore.QPointF()  # the pointer, on the screen
        self._centre = QtCore.QPointF()  # the pointer, in the pane's viewport coordinates
        self._placing = False  # a placement after a geometry change is waiting for the next event-loop turn
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.resize(DIAMETER + 4, DIAMETER + 4)  # room for the rim's outer half
        self.hide()
        for moving in (pane.viewport(), pane, frame):
            moving.installEventFilter(self)

    def show_over(self, spot: QtCore.QPointF) -> None:
        """Centre the lens on the pointer at the screen point ``spot``: the film point under the pointer stays under
        it."""
        self._spot = QtCore.QPointF(spot)
        self._centre = self.pane.viewport().mapFromGlobal(self._spot)
        corner = self.pane.viewport().mapTo(self.parentWidget(), self._centre.toPoint())
        self.move(corner - QtCore.QPoint(self.width() // 2, self.height() // 2))
        self.raise_()
        self.show()
        self.update()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt naming
        """The pane, its viewport or the frame moved or resized: place the lens again once the layout has settled
        (the watched objects are not asked anything here: while the window closes they may be half gone)."""
        if event.type() in _GEOMETRY and not self._placing and self.isVisible():
            self._placing = True
            QtCore.QTimer.singleShot(0, self, self._place_again)
        return False

    def _place_again(self) -> None:
        """Back over the pointer; hidden when the pane no longer lies under it (the pointer is over a dock now)."""
        self._placing = False
        if not self.isVisible():
            return
        if self.pane.viewport().rect().contains(self.pane.viewport().mapFromGlobal(self._spot).toPoint()):
            self.show_over(self._spot)
        else:
            self.hide()

    def device_pixels_per_film_pixel(self) -> float:
        """Display pixels one film pixel spans in the lens: the pane's zoom times the power, on a scaled screen
        counted in device pixels, as 1:1 counts them."""
        return self.pane.zoom * self.power * self.devicePixelRatioF()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 - Qt naming
        radius = DIAMETER / 2
        centre = QtCore.QPointF(self.width() / 2, self.height() / 2)
        disc = QtGui.QPainterPath()
        disc.addEllipse(centre, radius, radius)
        viewport = self.pane.viewport()
        corner = self.mapFrom(self.parentWidget(), viewport.mapTo(self.parentWidget(), QtCore.QPoint(0, 0)))
        pane_area = QtCore.QRectF(QtCore.QPointF(corner), QtCore.QSizeF(viewport.size()))
        inside_pane = QtGui.QPainterPath()
        inside_pane.addRect(pane_area)  # never over the neighbouring pane or the frame's outline
        painter = QtGui.QPainter(self)
        painter.setClipPath(disc.intersected(inside_pane))
        painter.fillRect(self.rect(), self.pane.backgroundBrush())  # the scene has no background of its own
        painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform,
                              self.device_pixels_per_film_pixel() < SMOOTH_BELOW)
        self._render_scene(painter, QtCore.QRectF(centre.x() - radius, centre.y() - radius, DIAMETER, DIAMETER))
        painter.setClipPath(inside_pane)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        for colour, width in ((_RIM_DARK, 3.0), (_RIM_LIGHT, 1.0)):
            painter.setPen(QtGui.QPen(colour, width))
            painter.drawEllipse(centre, radius, radius)
        painter.end()

    def _render_scene(self, painter: QtGui.QPainter, target: QtCore.QRectF) -> None:
        """The scene square of side ``DIAMETER / power`` around the pointer, drawn over ``target``."""
        side = DIAMETER / self.power
        seen = QtCore.QRectF(self._centre.x() - side / 2, self._centre.y() - side / 2, side, side)
        source = self.pane.viewportTransform().inverted()[0].mapRect(seen)
        scene = self.pane.scene()
        scene.prepareForPaint()  # pyqtgraph defers the view's transform until a paint asks for it
        scene.render(painter, target, source, QtCore.Qt.AspectRatioMode.IgnoreAspectRatio)
