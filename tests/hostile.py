"""A directory that mixes every hostile input of issue 12 with good documents.

:func:`make_hostile_dir` returns ``(root, good_ids, bad)``: the ids every good
document must keep and, for every bad input, the error code it must be
reported with (exactly one line each). The texts are invented.
"""
from __future__ import annotations

import json
import os
import socket
from pathlib import Path

GOOD_TEXT = "The foreign minister of Norway met the Finnish president in Oslo on Monday."


def _row(**fields: object) -> str:
    return json.dumps(fields)


def make_hostile_dir(root: Path) -> tuple[Path, set[str], list[str]]:
    root.mkdir(parents=True, exist_ok=True)
    good: set[str] = set()
    bad: list[str] = []

    (root / "alpha.txt").write_text(GOOD_TEXT, encoding="utf-8")
    good.add("alpha")
    (root / "beta.md").write_text("# Talks\n\nThe two envoys agreed to meet again.", encoding="utf-8")
    good.add("beta")
    # a directory whose name looks like a text file: walked, not opened
    (root / "folder.txt").mkdir()
    (root / "folder.txt" / "gamma.txt").write_text(GOOD_TEXT, encoding="utf-8")
    good.add("gamma")
    # names with a newline and an ANSI escape: good content, kept
    (root / "new\nline.txt").write_text(GOOD_TEXT, encoding="utf-8")
    good.add("new_line")
    (root / "ansi\x1b[31mred.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    bad.append("E003")
    # a name that is not UTF-8, empty content
    os.close(os.open(os.fsencode(root) + b"/latin\xff.txt", os.O_CREAT | os.O_WRONLY, 0o644))
    bad.append("E002")
    (root / "nul.txt").write_bytes(b"text\x00with nul")
    bad.append("E003")

    rows = [
        _row(id="row-good", text=GOOD_TEXT, published="2024-05-01"),
        _row(id="row-null", text=None),
        _row(id="row-num", text=42),
        _row(id="", text=GOOD_TEXT),
        _row(id=["x"], text=GOOD_TEXT),
        _row(id=True, text=GOOD_TEXT),
        '{"id": "lone\\ud800", "text": "A lone surrogate id."}',
        '{"id": ' + "7" * 5000 + ', "text": "A very long numeric id."}',
        "[" * 100_000,
        '{"id": "row-ls", "text": "A raw line separator\u2028 inside a string is valid JSON."}',
        _row(id="row-baddate", text=GOOD_TEXT, published="yesterday"),
        _row(id="row-intdate", text=GOOD_TEXT, published=2024),
        '{"id": "row-surrogate-text", "text": "Text with a lone \\udc80 surrogate."}',
        "{broken json",
        _row(id="row-good", text="The same id again."),
        _row(id="x" * 600, text=GOOD_TEXT),
        _row(id=12345, text=GOOD_TEXT),
    ]
    good |= {"row-good", "row-ls", "row-baddate", "row-intdate", "row-surrogate-text", "12345"}
    bad += ["E006", "E006", "E006", "E006", "E006", "E013", "E004", "E004", "E004", "E007", "E014"]
    # warnings (document kept): two dropped dates, one repaired text
    (root / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "empty.jsonl").write_bytes(b"")
    bad.append("E002")

    os.mkfifo(root / "pipe.txt")
    bad.append("E011")
    os.mkfifo(root / "pipe.jsonl")
    bad.append("E011")
    os.mkfifo(root / "pipe-no-suffix")
    bad.append("E011")
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(root / "sock.txt"))
        sock.close()
        bad.append("E011")
    except OSError:  # pragma: no cover - no Unix sockets here
        pass
    os.symlink(root / "nowhere.txt", root / "dangling.txt")
    bad.append("E012")
    os.symlink(root / "loop-b.txt", root / "loop-a.txt")
    os.symlink(root / "loop-a.txt", root / "loop-b.txt")
    bad += ["E012", "E012"]
    # a link back to the top: the folder is not walked twice
    os.symlink(root, root / "back-to-root")
    bad.append("E012")
    locked = root / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text(GOOD_TEXT, encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads anything: the folder counts as good
        good.add("secret")
    else:
        bad.append("E015")
    return root, good, bad


WARNINGS = {"E050", "E016", "W001"}
