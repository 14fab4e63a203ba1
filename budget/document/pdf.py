"""The document as a print-quality PDF: the page's body template, print.css and bundled fonts.

`render_pdf(budget)` gives the bytes, for the download view, render_budget and the publishing
workflow. WeasyPrint reads the stylesheet and the fonts from static/ on disk, so nothing is
fetched over the network and every machine prints the same pages.

A render lays out in a child process forked for it (see `write_pdf`): a long document's
boxes, 1.7 MB a page, go back to the system when the child exits, so a web or worker process
stays its own size however many PDFs it makes; a runaway render is stopped at a page or time
limit and says so.
"""
import contextlib
import functools
import gc
import logging
import os
import pickle
import selectors
import signal
import threading
import time
import traceback

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .builder import document_context

logger = logging.getLogger(__name__)
STATIC_DIR = settings.BASE_DIR / "static"
PRINT_CSS = STATIC_DIR / "css" / "print.css"
# One render at a time per process: each is bounded, so the process's children are too.
_rendering = threading.Lock()


class PdfError(Exception):
    """No PDF was made; the message says why, for the people who asked for it."""


class PdfTooLong(PdfError):
    """The document has more pages than PDF_MAX_PAGES: rendering it again would not help."""


@functools.cache
def print_stylesheet():
    """print.css and the fonts of its @font-face rules, loaded once per process: decoding the four
    WOFF2 fonts takes about a sixth of a render."""
    fonts = FontConfiguration()
    return CSS(filename=PRINT_CSS, font_config=fonts), fonts


def pdf_html(budget, context=None, *, template=None, unit=None):
    """The HTML that WeasyPrint lays out; `context` is the budget's document_context when the
    caller has it already (else the document in `template`, or `unit`'s 单位预算)."""
    return render_to_string("document/pdf.html", context or document_context(budget, template=template, unit=unit))


def laid_out(html):
    """WeasyPrint's document of `html`: its pages of boxes, before any PDF is written."""
    stylesheet, fonts = print_stylesheet()
    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/").render(stylesheets=[stylesheet], font_config=fonts)


def write_pdf(html):
    """The PDF of `html`, laid out and written by a child forked for this render.

    The fonts are loaded here first, so every child inherits them instead of decoding them
    again. The child returns the bytes through a pipe and exits, taking its memory with it.
    """
    print_stylesheet()
    with _rendering:
        return _in_child(html, deadline=time.monotonic() + settings.PDF_RENDER_TIME_LIMIT)


def _in_child(html, *, deadline):
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(reader)
        _child(html, writer)
    os.close(writer)
    message = None
    try:
        message = _read_until(reader, deadline)
    finally:  # also when the wait is interrupted (a task's time limit): no child outlives it
        os.close(reader)
        if message is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if message is None:
        raise PdfError(f"PDF 生成超过 {settings.PDF_RENDER_TIME_LIMIT} 秒未完成，已停止；请检查是否有过长的文字或表格")
    if not message:
        raise PdfError(f"PDF 生成进程意外退出（{_exit_reason(status)}），可能是内存不足")
    kind, value = pickle.loads(message)
    if kind == "pdf":
        return value
    if kind == "pages":
        raise PdfTooLong(f"文档共 {value} 页，超过 PDF 的上限 {settings.PDF_MAX_PAGES} 页，未生成")
    logger.error("PDF render failed in its child process:\n%s", value)
    raise PdfError(f"PDF 生成失败：{value.strip().splitlines()[-1]}")


def _child(html, writer):
    """Lay out, write the PDF, send it, exit: os._exit skips the parent's exit handlers (its
    database connections stay the parent's)."""
    gc.disable()  # the whole heap is freed at exit: collecting would only cost time
    status = 0
    try:
        try:
            document = laid_out(html)
            pages = len(document.pages)
            message = ("pages", pages) if pages > settings.PDF_MAX_PAGES else ("pdf", document.write_pdf())
        except Exception:
            message = ("error", traceback.format_exc())
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _read_until(fd, deadline):
    """Everything the child writes, b"" when it died without a word; None past the deadline."""
    chunks = []
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _exit_reason(status):
    if os.WIFSIGNALED(status):
        return f"信号 {signal.Signals(os.WTERMSIG(status)).name}"
    return f"状态 {os.waitstatus_to_exitcode(status)}"


def render_pdf(budget, context=None, *, template=None, unit=None):
    return write_pdf(pdf_html(budget, context, template=template, unit=unit))


def pdf_filename(budget):
    """The download name, e.g. 克孜勒苏柯尔克孜自治州生态环境局2024年部门预算.pdf."""
    return f"{budget.department.name}{budget.year}年部门预算.pdf"
