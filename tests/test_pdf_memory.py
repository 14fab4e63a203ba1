"""write_pdf lays out in a child process: its memory goes back to the system, a runaway render
is stopped at the page or time limit, and every failure says why."""
import gc
import os
import signal
import time

import pytest
from weasyprint.formatting_structure.boxes import Box

from budget.document import pdf
from budget.document.pdf import PdfError, PdfTooLong, write_pdf

HTML = ('<html lang="zh-CN"><body><h2>第一部分</h2><p>部门概况</p>'
        "<table><tr><td>合计</td><td>2,448.62</td></tr></table></body></html>")


def pages_of_rows(rows):
    cells = "".join(f"<tr><td>2080505 机关事业单位基本养老保险缴费支出</td><td>{i},912.50</td></tr>" for i in range(rows))
    return f'<html lang="zh-CN"><body><table>{cells}</table></body></html>'


def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def boxes_alive():
    return sum(isinstance(obj, Box) for obj in gc.get_objects())


def test_it_lays_out_in_another_process(monkeypatch, tmp_path):
    record = tmp_path / "pid"
    original = pdf.laid_out

    def recording(html):
        record.write_text(str(os.getpid()))
        return original(html)

    monkeypatch.setattr(pdf, "laid_out", recording)
    gc.collect()

    assert write_pdf(HTML).startswith(b"%PDF")
    assert int(record.read_text()) != os.getpid()
    assert boxes_alive() == 0


def test_it_does_not_grow_this_process_with_a_long_document():
    write_pdf(HTML)  # the fonts are loaded here once, before the first child
    before = resident_mb()

    document = write_pdf(pages_of_rows(1200))  # about 25 pages: 40 MB of boxes in the child

    assert document.startswith(b"%PDF")
    assert resident_mb() - before < 8 + len(document) / 2**20


def test_it_refuses_a_document_longer_than_the_page_limit(settings):
    settings.PDF_MAX_PAGES = 2

    with pytest.raises(PdfTooLong, match="文档共 [3-9] 页，超过 PDF 的上限 2 页，未生成"):
        write_pdf(pages_of_rows(200))


def test_it_stops_a_render_past_the_time_limit(settings, monkeypatch):
    settings.PDF_RENDER_TIME_LIMIT = 1
    monkeypatch.setattr(pdf, "laid_out", lambda html: time.sleep(60))
    children = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: children.append(fork()) or children[-1])
    start = time.monotonic()

    with pytest.raises(PdfError, match="PDF 生成超过 1 秒未完成，已停止"):
        write_pdf(HTML)

    assert time.monotonic() - start < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)  # the child was killed and reaped: no zombie left


def test_it_says_when_the_child_died(monkeypatch):
    monkeypatch.setattr(pdf, "laid_out", lambda html: os.kill(os.getpid(), signal.SIGKILL))

    with pytest.raises(PdfError, match=r"PDF 生成进程意外退出（信号 SIGKILL），可能是内存不足"):
        write_pdf(HTML)


def test_it_names_the_error_of_a_failed_layout(monkeypatch):
    def failing(html):
        raise ValueError("无法解析的样式")

    monkeypatch.setattr(pdf, "laid_out", failing)

    with pytest.raises(PdfError, match="PDF 生成失败：ValueError: 无法解析的样式"):
        write_pdf(HTML)
