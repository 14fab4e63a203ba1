"""manage.py render_budget --format html: one self-contained file."""
import pytest
from django.core.management import CommandError, call_command


def test_it_writes_one_self_contained_html_file(reference_budget, tmp_path):
    output = tmp_path / "budget.html"
    call_command("render_budget", department="501001", year=2024, format="html", output=str(output))
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "<style>" in html and ".standard-table" in html
    for external in ('<link', 'src="http', "src='http", "@import", "url(http"):
        assert external not in html
    assert "收支总预算 2,448.62 万元。" in html


def test_it_refuses_an_unknown_budget(db):
    with pytest.raises(CommandError, match="没有部门 000000 的 2024 年预算"):
        call_command("render_budget", department="000000", year=2024)


def test_it_renders_any_budget_in_any_template(reference_budget, tmp_path):
    output = tmp_path / "budget.html"
    call_command("render_budget", department="501001", year=2024, template="shanghai-2026", output=str(output))
    html = output.read_text(encoding="utf-8")
    # The reference document's 收支总预算 2,448.62 万元 (24,486,200 元), in the Shanghai words and tables.
    assert "收入预算2448.62万元" in html and "部门预算编制说明" in html
    assert html.count('class="standard-table') == 9 and "第三部分" not in html


def test_it_renders_one_units_budget(chengguan_data, db, tmp_path):
    from budget.exchange.services import budget_import

    chengguan_data["department"]["units"].append(
        {"code": "SHPT-CG-02", "name": "普陀区城市管理行政执法局住房保障", "kind": "administrative"})
    for line in chengguan_data["lines"]:
        if line["function"] == "2210203":  # 购房补贴 3,222,000 元 (page 7: 322.20万元)
            line["unit"] = "SHPT-CG-02"
    budget_import(data=chengguan_data)
    output = tmp_path / "unit.html"
    call_command("render_budget", department="SHPT-CG", year=2026, unit="SHPT-CG-02", output=str(output))
    html = output.read_text(encoding="utf-8")
    assert "预算单位：普陀区城市管理行政执法局住房保障" in html and "2026年单位预算编制说明" in html
    assert "2026年，普陀区城市管理行政执法局住房保障收入预算322.20万元，其中：财政拨款收入322.20万元；" in html
    assert "比2025年" not in html  # the department's prior figures are no unit's
    with pytest.raises(CommandError, match="没有单位 SHPT-CG-09"):
        call_command("render_budget", department="SHPT-CG", year=2026, unit="SHPT-CG-09")
