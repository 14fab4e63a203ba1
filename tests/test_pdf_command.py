"""manage.py render_budget --format pdf --output FILE."""
import re
import subprocess

import pytest
from django.core.management import CommandError, call_command


def test_it_writes_the_pdf_to_the_output_file(reference_budget, tmp_path):
    output = tmp_path / "budget.pdf"
    call_command("render_budget", department="501001", year=2024, format="pdf", output=str(output))
    info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True, check=True).stdout
    assert "Title:           克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算" in info
    text = subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True, check=True).stdout
    assert "收支总预算2,448.62万元。" in re.sub(r"\s+", "", text)  # pdftotext breaks lines anywhere


def test_it_needs_an_output_file_for_a_pdf(reference_budget):
    with pytest.raises(CommandError, match="--format pdf 需要 --output 文件"):
        call_command("render_budget", department="501001", year=2024, format="pdf")


def test_it_refuses_a_document_over_the_page_limit_and_writes_nothing(reference_budget, tmp_path, settings):
    settings.PDF_MAX_PAGES = 5
    output = tmp_path / "budget.pdf"
    with pytest.raises(CommandError, match=r"文档共 \d+ 页，超过 PDF 的上限 5 页，未生成"):
        call_command("render_budget", department="501001", year=2024, format="pdf", output=str(output))
    assert not output.exists()
