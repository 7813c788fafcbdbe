"""What the user reads after a plugin's files went to a PACS (``gui.pacs_send_wording``, Qt-free): a node that took
some files and refused others, or a Cancel part-way, must leave a message that says what became of each file, by its
full path, so the ones not sent can be found and sent again (the real node's refusal and Cancel are in
``test_plugin_send_to_pacs.py``)."""

from __future__ import annotations

from pathlib import Path

from cxr_viewer.gui.pacs_send_wording import sent_line, unsent_text
from cxr_viewer.net.send import SendResult

SR, SEG, MAP = Path("/out/a_sr.dcm"), Path("/out/a_seg_binary.dcm"), Path("/out/a_seg_fractional.dcm")


def test_each_file_is_said_sent_refused_with_the_reason_or_left_by_cancel() -> None:
    result = SendResult(sent=[SR], failed=[(SEG, "ARCHIVE@pacs:104 answered 0xA700")], cancelled=True)
    assert unsent_text(result, [SR, SEG, MAP], "archive (ARCHIVE@pacs:104)", "AI findings").splitlines() == [
        "2 of 3 file(s) (AI findings) not sent to archive (ARCHIVE@pacs:104); they stay on disk:",
        "Sent: /out/a_sr.dcm",
        "Not sent: /out/a_seg_binary.dcm (ARCHIVE@pacs:104 answered 0xA700)",
        "Not sent: /out/a_seg_fractional.dcm (cancelled)",
    ]


def test_all_sent_is_one_line_with_the_node_before_the_names() -> None:
    assert sent_line(SendResult(sent=[SR, SEG]), "archive (ARCHIVE@pacs:104)", "") == (
        "Sent 2 file(s) to archive (ARCHIVE@pacs:104): a_sr.dcm, a_seg_binary.dcm")
