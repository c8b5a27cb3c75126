"""The zip file our workbooks close into: every part deflated on every core, pigz's way (Qt-free).

zipfile deflates a part as one stream on one core. For the 10k report's 219 MB of sheet XML that was
2.0 s of XlsxWriter's close at zlib level 5, while the other core sat idle. Here a part is cut into
BLOCK-sized blocks, deflated on a thread pool (the deflate lets the GIL go while it works) and written in
order. Each block is primed with the 32 KB before it, as one stream would be, and ends on a sync flush,
which ends it on a byte and leaves the stream open: the blocks joined are one deflate stream that any
reader inflates, the same bytes whatever the threads' timing.

A constant-memory sheet's rows are deflated the same way while they are written (DeflatedRows), on the core the
row-making Python leaves idle, and its zip entry is spliced from three pieces at the close: the sheet's head and
tail, deflated then, around its rows, already deflated. The 10k report's close took 1.1 s before (the rows copied
into the sheet's XML file, then read back and deflated).

The deflate is zlib-ng's (python-zlib-ng, a drop-in for the zlib module): at the same level it is about
1.4x faster than zlib and its output 4% smaller. Measured on that report's sheets, level 5: zlib 2.02 s
and 20.9 MB on one core, 1.02 s on two; zlib-ng 0.68 s and 20.0 MB on two.
"""

from __future__ import annotations

import os
import zipfile
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

from zlib_ng import zlib_ng

LEVEL = 5  # zlib-ng level 6 takes 1.7x as long for the same 20.0 MB; level 4 is 7% bigger for 3% less time
BLOCK = 2 << 20  # a block is deflated in about 15 ms; its sync flush costs 5 bytes
WINDOW = 32 << 10  # deflate's window: what a block may refer back to
WORKERS = max(1, min(4, os.cpu_count() or 1))
AHEAD = 2 * WORKERS  # blocks in flight: the memory held is AHEAD blocks, whatever the part's size


def _deflate(block: bytes, before: bytes, level: int, last: bool) -> bytes:
    """``block`` as raw deflate primed with ``before``, ended by a sync flush, or by the stream's end if ``last``."""
    engine = (
        zlib_ng.compressobj(level, zlib_ng.DEFLATED, -15, zdict=before)
        if before
        else zlib_ng.compressobj(level, zlib_ng.DEFLATED, -15)
    )
    return engine.compress(block) + engine.flush(zlib_ng.Z_FINISH if last else zlib_ng.Z_SYNC_FLUSH)


class BlockDeflater:
    """zipfile's compressor protocol (compress, flush) over a pool: returns the deflated blocks in order, as soon
    as each is done, holding at most AHEAD blocks in flight."""

    def __init__(self, pool: ThreadPoolExecutor, level: int = LEVEL) -> None:
        self._pool, self._level = pool, level
        self._pending = bytearray()  # the next block, until it is whole
        self._before = b""  # the WINDOW bytes before it
        self._running: deque[Future[bytes]] = deque()

    def compress(self, data: bytes | bytearray | memoryview) -> bytes:
        view = memoryview(data).cast("B")
        out: list[bytes] = []
        if self._pending:  # make the pending block whole first
            take = BLOCK - len(self._pending)
            self._pending += view[:take]
            view = view[take:]
            if len(self._pending) == BLOCK:
                out.append(self._submit(bytes(self._pending), last=False))
                self._pending = bytearray()
        while len(view) >= BLOCK:  # one long write (writestr) is cut here, AHEAD blocks in flight at most
            out.append(self._submit(bytes(view[:BLOCK]), last=False))
            view = view[BLOCK:]
        self._pending += view
        while self._running and self._running[0].done():
            out.append(self._running.popleft().result())
        return b"".join(out)

    def flush(self, end: bool = True) -> bytes:
        """What is left, deflated; the stream ends there if ``end``, else it stops on a byte, to be continued."""
        head = self._submit(bytes(self._pending), last=end)  # an empty last block still ends the stream
        self._pending = bytearray()
        out = head + b"".join(f.result() for f in self._running)
        self._running.clear()
        return out

    def _submit(self, block: bytes, last: bool) -> bytes:
        """Start deflating ``block``; what the oldest blocks gave when more than AHEAD are in flight."""
        self._running.append(self._pool.submit(_deflate, block, self._before, self._level, last))
        self._before = (self._before + block)[-WINDOW:] if len(block) < WINDOW else block[-WINDOW:]
        done = []
        while len(self._running) > AHEAD:
            done.append(self._running.popleft().result())
        return b"".join(done)


class DeflatedRows:
    """A text file's stand-in for a constant-memory sheet's rows: what XlsxWriter writes is deflated on the pool as
    it comes, into ``path``, with the length and CRC its zip entry needs. ``at`` is where the rows go in the sheet's
    XML (a byte offset), once XlsxWriter has written the sheet's head."""

    HOLD = 1 << 18  # characters gathered before they are encoded and handed on: XlsxWriter writes a cell at a time

    def __init__(self, path: str, pool: ThreadPoolExecutor, level: int = LEVEL) -> None:
        self.path, self.size, self.crc, self.at = path, 0, 0, -1
        self._file = open(path, "wb")  # noqa: SIM115 - held for the sheet's life, as XlsxWriter holds its own
        self._deflater = BlockDeflater(pool, level)
        self._texts: list[str] = []
        self._held = 0

    def write(self, text: str) -> int:
        self._texts.append(text)
        self._held += len(text)
        if self._held >= self.HOLD:
            self._hand_on()
        return len(text)

    def _hand_on(self) -> None:
        data = "".join(self._texts).encode("utf-8")
        self._texts, self._held = [], 0
        self.size += len(data)
        self.crc = zlib_ng.crc32(data, self.crc)
        self._file.write(self._deflater.compress(data))

    def finish(self, at: int) -> None:
        """The rows are all written: the last block is deflated, stopping on a byte (the sheet's tail follows)."""
        self._hand_on()
        self._file.write(self._deflater.flush(end=False))
        self._file.close()
        self.at = at

    def close(self) -> None:  # XlsxWriter's own close of its row file (after the workbook's, or on a failure)
        self._file.close()


class _Spliced:
    """zipfile's compressor protocol for an entry whose deflated bytes BlockZipFile writes itself: nothing to
    flush, so zipfile keeps the compressed size it was told."""

    def compress(self, data: bytes) -> bytes:
        raise AssertionError("a spliced entry is written around its compressor")

    def flush(self) -> bytes:
        return b""


class BlockZipFile(zipfile.ZipFile):
    """A ZipFile whose deflated members are deflated by BlockDeflater on a pool of WORKERS threads (``pool``, or its
    own). ``spliced``: the sheets' XML files (by path) whose rows were deflated as they were written."""

    def __init__(
        self,
        *args: Any,
        pool: ThreadPoolExecutor | None = None,
        spliced: dict[str, DeflatedRows] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("compresslevel", LEVEL)
        super().__init__(*args, **kwargs)
        self._pool, self._own_pool = pool, pool is None
        self._spliced = {} if spliced is None else spliced

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        rows = self._spliced.pop(os.fspath(filename), None)
        if rows is None or compress_type not in (None, zipfile.ZIP_DEFLATED) or self.compression != zipfile.ZIP_DEFLATED:
            super().write(filename, arcname, compress_type, compresslevel)
            return
        level = next(v for v in (compresslevel, self.compresslevel, LEVEL) if v is not None)
        sheet = Path(filename).read_bytes()  # the sheet without its rows: its head, then its tail
        head, tail = sheet[: rows.at], sheet[rows.at :]
        total = len(sheet) + rows.size
        entry = zipfile.ZipInfo.from_file(filename, arcname)  # as ZipFile.write makes it
        entry.compress_type = zipfile.ZIP_DEFLATED
        if self._pool is None:
            self._pool = new_pool()
        ends = [self._pool.submit(_deflate, part, b"", level, last) for part, last in ((head, False), (tail, True))]
        member: Any  # zipfile's _ZipWriteFile: its counts are set here, as its write would set them
        with self.open(entry, "w", force_zip64=total > zipfile.ZIP64_LIMIT) as member:
            # Three pieces that join into one deflate stream: each ends on a byte, none refers back into another
            member._compressor = _Spliced()

            def out(data: bytes) -> None:
                member._fileobj.write(data)
                member._compress_size += len(data)

            out(ends[0].result())
            with open(rows.path, "rb") as deflated:
                while piece := deflated.read(1 << 20):
                    out(piece)
            out(ends[1].result())
            member._crc = zlib_ng.crc32(tail, zlib_ng.crc32_combine(zlib_ng.crc32(head), rows.crc, rows.size))
            member._file_size = total
        os.unlink(rows.path)

    def _open_to_write(self, zinfo: zipfile.ZipInfo, force_zip64: bool = False) -> IO[bytes]:
        # zipfile makes its compressor in _ZipWriteFile and has no hook for another; this is its one use
        member = super()._open_to_write(zinfo, force_zip64)  # type: ignore[misc]
        if zinfo.compress_type == zipfile.ZIP_DEFLATED:
            if self._pool is None:
                self._pool = new_pool()
            # the member's own level where it names one (ZipInfo.compress_level from Python 3.13), else the file's
            level = getattr(zinfo, "compress_level", getattr(zinfo, "_compresslevel", None))
            member._compressor = BlockDeflater(self._pool, LEVEL if level is None else level)
        return member  # type: ignore[no-any-return]

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._pool is not None and self._own_pool:
                self._pool.shutdown()
                self._pool = None


def new_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(WORKERS, thread_name_prefix="deflate")
