"""The block deflate our workbooks close with: one deflate stream, whatever the blocks, the feeding or the threads."""

from __future__ import annotations

import random
import threading
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import pytest
from zlib_ng import zlib_ng

from explorer.outputs.report import zipping
from explorer.outputs.report.zipping import BlockDeflater, BlockZipFile


def _xml_like(size: int, seed: int = 7) -> bytes:
    """Sheet-like bytes: repetitive markup with varied numbers and words, so blocks refer back across their edges."""
    rng = random.Random(seed)
    words = [b"Acme", b"Premier", b"Met", b"Breached", b"2026-11-28", b"Okta", b"Auth0", b"&amp;"]
    out = bytearray()
    row = 1
    while len(out) < size:
        out += b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s %d</t></is></c><c r="B%d"><v>%d</v></c></row>' % (
            row,
            row,
            rng.choice(words),
            rng.randrange(10**6),
            row,
            rng.randrange(10**9),
        )
        row += 1
    return bytes(out[:size])


def _deflated(data: bytes, pieces: list[int], pool: ThreadPoolExecutor) -> bytes:
    deflater = BlockDeflater(pool)
    out, at = [], 0
    for size in pieces:
        out.append(deflater.compress(data[at : at + size]))
        assert len(deflater._running) <= zipping.AHEAD  # the memory held is bounded, whatever the part
        at += size
    out.append(deflater.compress(data[at:]))
    return b"".join(out) + deflater.flush()


@pytest.mark.parametrize("block", [1000, 40_000, 1 << 16])  # shorter and longer than deflate's 32 KB window
def test_blocks_join_into_one_stream_whatever_the_feeding(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipping, "BLOCK", block)
    data = _xml_like(7 * block + 123)
    with ThreadPoolExecutor(3) as pool:
        whole = _deflated(data, [], pool)
        assert zlib.decompress(whole, -15) == data
        for pieces in ([8192] * 40, [1, block - 1, block, block + 1, 5], [3 * block + 7]):
            assert _deflated(data, pieces, pool) == whole  # the same bytes, however zipfile hands them over
        if block > zipping.WINDOW:  # primed with the bytes before it, a block costs what one stream does (+2.5% cold)
            one = zlib_ng.compressobj(zipping.LEVEL, zlib_ng.DEFLATED, -15)
            assert len(whole) < 1.01 * len(one.compress(data) + one.flush())


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 5000])
def test_a_part_of_any_length_ends_the_stream(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipping, "BLOCK", 1000)
    data = _xml_like(size)
    with ThreadPoolExecutor(2) as pool:
        stream = _deflated(data, [], pool)
    engine = zlib.decompressobj(-15)
    assert engine.decompress(stream) == data and engine.eof and not engine.unused_data


def test_a_zip_of_blocks_reads_back_with_its_crcs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipping, "BLOCK", 4096)
    big, small = _xml_like(100_000, seed=1), b"<Types/>"
    on_disk = tmp_path / "sheet1.xml"
    on_disk.write_bytes(big)
    with BlockZipFile(tmp_path / "out.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(on_disk, "xl/worksheets/sheet1.xml")  # XlsxWriter's way, 8 KB at a time
        archive.writestr("[Content_Types].xml", small)
        archive.writestr(zipfile.ZipInfo("mimetype"), b"stored", compress_type=zipfile.ZIP_STORED)
    with zipfile.ZipFile(tmp_path / "out.xlsx") as archive:
        assert archive.testzip() is None
        assert archive.read("xl/worksheets/sheet1.xml") == big
        assert archive.read("[Content_Types].xml") == small and archive.read("mimetype") == b"stored"
    assert not [t for t in threading.enumerate() if t.name.startswith("deflate")]  # the pool ends with the file


def test_one_long_write_holds_at_most_a_few_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """writestr hands a part over in one call: its blocks are collected as they go, not all held at once."""
    monkeypatch.setattr(zipping, "BLOCK", 1000)
    data = _xml_like(300_000)
    with ThreadPoolExecutor(2) as pool:
        deflater = BlockDeflater(pool)
        submit, most = pool.submit, [0]

        def counting(*args: object, **kwargs: object) -> object:
            most[0] = max(most[0], len(deflater._running) + 1)
            return submit(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(pool, "submit", counting)
        stream = deflater.compress(data) + deflater.flush()
    assert zlib.decompress(stream, -15) == data
    assert most[0] <= zipping.AHEAD + 1


def test_a_members_own_level_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    levels: list[int] = []
    deflate = zipping._deflate
    monkeypatch.setattr(
        zipping, "_deflate", lambda block, before, level, last: levels.append(level) or deflate(block, before, level, last)
    )
    with BlockZipFile(tmp_path / "out.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", b"<a/>" * 100)
        archive.writestr("b.xml", b"<b/>" * 100, compresslevel=1)
    with BlockZipFile(tmp_path / "none.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=0) as archive:
        archive.writestr("c.xml", b"<c/>" * 100)
    assert levels == [zipping.LEVEL, 1, 0]
    with zipfile.ZipFile(tmp_path / "none.zip") as archive:
        assert archive.read("c.xml") == b"<c/>" * 100


def test_a_streamed_sheet_s_rows_are_deflated_as_they_are_written_and_spliced_into_one_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlsxwriter

    from explorer.outputs.report.cells import TextWorkbook

    monkeypatch.setattr(zipping, "BLOCK", 1 << 14)  # many blocks, each deflated on the pool while rows are written

    def parts(kind: type, path: Path) -> dict[str, bytes]:
        book = kind(str(path), {"constant_memory": True, "tmpdir": str(tmp_path / kind.__name__)})
        (tmp_path / kind.__name__).mkdir()
        sheet = book.add_worksheet("Rows")
        for r in range(4000):
            sheet.write_string(r, 0, f"Acme {r % 17} <&> naïve")
            sheet.write_number(r, 1, r / 3)
        if kind is TextWorkbook:  # the rows wait deflated, never as XML text
            held = (tmp_path / kind.__name__ / Path(sheet.row_data_filename).name).read_bytes()
            assert held and b"<row" not in held and b"<row" in zlib.decompressobj(-15).decompress(held)
        book.set_properties({"created": datetime(2026, 1, 1)})
        book.close()
        assert not list((tmp_path / kind.__name__).iterdir())  # no row file left behind
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None  # the spliced entry's CRC and sizes are the whole sheet's
            return {n: archive.read(n) for n in archive.namelist()}

    ours, theirs = parts(TextWorkbook, tmp_path / "ours.xlsx"), parts(xlsxwriter.Workbook, tmp_path / "theirs.xlsx")
    assert ours == theirs and len(ours["xl/worksheets/sheet1.xml"]) > 300_000
    assert not [t for t in threading.enumerate() if t.name.startswith("deflate")]  # the pool ends with the workbook


def test_a_sheet_zipped_without_its_rows_fails_the_close(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows live only in their deflated file until the close splices them in: a sheet XlsxWriter zipped some
    other way (a change of its close) must fail the workbook, never leave a sheet without rows."""
    from explorer.outputs.report.cells import TextWorkbook
    from explorer.outputs.report.writer import new_workbook

    monkeypatch.setattr(BlockZipFile, "write", zipfile.ZipFile.write)  # the splice never happens
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    book = TextWorkbook(str(tmp_path / "out.xlsx"), {"constant_memory": True, "tmpdir": str(scratch)})
    sheet = book.add_worksheet("Rows")
    for r in range(100):
        sheet.write_number(r, 0, r)
    with pytest.raises(RuntimeError, match="were not zipped"):
        book.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("deflate")]
    assert not list(scratch.iterdir())  # the deflated row file goes with the failed workbook

    # through the atomic writer, as every export writes: the target is left as it was
    target = tmp_path / "kept.xlsx"
    target.write_bytes(b"the user's old file")

    def write(path: Path) -> None:
        book = new_workbook(path, constant_memory=True)
        book.add_worksheet("Rows").write_number(0, 0, 1)
        book.add_worksheet("Rows 2").write_number(0, 0, 2)
        book.close()

    from explorer.atomic import write_atomically

    with pytest.raises(RuntimeError):
        write_atomically(target, write)
    assert target.read_bytes() == b"the user's old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.xlsx", "out.xlsx", "scratch"]  # no temporary left
