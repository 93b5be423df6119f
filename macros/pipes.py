"""Room in a pipe between two processes of the build (Linux; elsewhere pipes keep their size)."""

from __future__ import annotations

import contextlib

PIPE_BYTES = 1 << 20  # the most Linux lets a pipe hold without privileges (fs.pipe-max-size)


def enlarge_pipe(descriptor: int) -> None:
    """Let the pipe behind ``descriptor`` hold ``PIPE_BYTES``, so the writer waits less often."""
    # No fcntl (Windows), no F_SETPIPE_SZ (macOS), or the system refuses: the pipe keeps its size.
    with contextlib.suppress(ImportError, AttributeError, OSError):
        import fcntl

        fcntl.fcntl(descriptor, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
