"""An exclusive advisory lock on a folder, shared by processes using the same data folder."""

from __future__ import annotations

import fcntl
from pathlib import Path


class folder_lock:  # noqa: N801 - used as a function: `with folder_lock(path):`
    """Hold `folder/.lock` exclusively for the block (other processes wait)."""

    def __init__(self, folder: Path, name: str = ".lock"):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / name

    def __enter__(self):
        self.handle = open(self.path, "a+")
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()
