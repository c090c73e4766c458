"""Writing output files all at once: a reader sees the old file or the new one, never half of one.

Every file kg writes for the user (``kg export -o``, ``kg view -o``) goes through
:func:`write_atomic`: the bytes go to a temporary file beside the target, are synced to disk, and
the temporary file is renamed over the target. A fault on the way (the disk full, no permission,
the target a directory) removes the temporary file, keeps the old file as it was, and raises one
:class:`~kg.errors.OutputError` naming the path and the problem.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "out" / "a.txt", b"hello").read_bytes()
b'hello'
>>> write_atomic(folder / "out", b"x")  # doctest: +ELLIPSIS
Traceback (most recent call last):
kg.errors.OutputError: .../out: cannot write the file: it is a directory
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from kg.errors import output_error

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` (creating its folder): a temporary file beside it, fsync, rename."""
    target = Path(path)
    if target.is_dir():
        raise output_error(IsADirectoryError(21, "Is a directory"), target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a part of the path is a file
        raise output_error(NotADirectoryError(errno.ENOTDIR, "Not a directory"), target) from None
    except OSError as error:
        raise output_error(error, target) from None
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
        tmp = None
    except OSError as error:
        raise output_error(error, target) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return target
