"""write_pdf pauses the cyclic garbage collector during a render and frees the document after it."""
import gc

from weasyprint.formatting_structure.boxes import Box

from budget.document.pdf import write_pdf

HTML = ('<html lang="zh-CN"><body><h2>第一部分</h2><p>部门概况</p>'
        "<table><tr><td>合计</td><td>2,448.62</td></tr></table></body></html>")


def boxes_alive():
    return sum(isinstance(obj, Box) for obj in gc.get_objects())


def test_it_frees_the_laid_out_document_before_returning():
    gc.collect()
    assert boxes_alive() == 0
    assert write_pdf(HTML).startswith(b"%PDF")
    assert boxes_alive() == 0


def test_it_leaves_the_collector_enabled_or_disabled_as_it_was():
    assert gc.isenabled()
    write_pdf(HTML)
    assert gc.isenabled()
    gc.disable()
    try:
        write_pdf(HTML)
        assert not gc.isenabled()
    finally:
        gc.enable()
