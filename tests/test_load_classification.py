"""`manage.py load_classification --edition YEAR FILE`: code lists as CSV or XLSX."""
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import budget.codes
from budget.codes.models import EconomicSubject, Edition, FunctionalSubject

pytestmark = pytest.mark.django_db

FUNCTIONAL_2025 = """code,name,level
201,一般公共服务支出,1
20101,人大事务,2
2010101,行政运行,3
208,社会保障和就业支出,1
20805,行政事业单位养老支出,2
2080505,机关事业单位基本养老保险缴费支出,3
"""


def load(path, *args):
    output = io.StringIO()
    call_command("load_classification", *args, str(path), stdout=output)
    return output.getvalue()


def write_csv(tmp_path, text, name="codes.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def names(model, year):
    return dict(model.objects.filter(edition__year=year).values_list("code", "name"))


def test_it_loaded_the_2024_edition_in_the_migration():
    functional = FunctionalSubject.objects.filter(edition__year=2024)
    economic = EconomicSubject.objects.filter(edition__year=2024)
    assert functional.count() == 89
    assert economic.count() == 110
    assert [functional.filter(level=level).count() for level in (1, 2, 3)] == [30, 16, 43]
    assert [economic.filter(level=level).count() for level in (1, 2)] == [10, 100]
    assert functional.get(code="2080505").name == "机关事业单位基本养老保险缴费支出"
    assert economic.get(code="30217").name == "公务接待费"


def test_it_loads_a_new_edition_from_csv(tmp_path):
    output = load(write_csv(tmp_path, FUNCTIONAL_2025), "--edition", "2025")

    assert output.strip() == "2025 functional: 6 个新增，0 个更新"
    assert names(FunctionalSubject, 2025)["2010101"] == "行政运行"
    assert FunctionalSubject.objects.get(edition__year=2025, code="20805").level == 2
    assert len(names(FunctionalSubject, 2025)) == 6
    assert len(names(FunctionalSubject, 2024)) == 89


def test_it_renames_a_code_of_an_existing_edition(tmp_path):
    # Only the changed row: its parent 301 is already in the edition.
    path = write_csv(tmp_path, "code,name,level\n30101,基本工资（含调整）,2\n")

    output = load(path, "--edition", "2024")

    assert output.strip() == "2024 economic: 0 个新增，1 个更新"
    assert names(EconomicSubject, 2024)["30101"] == "基本工资（含调整）"
    assert len(names(EconomicSubject, 2024)) == 110


def test_it_adds_and_updates_in_one_file(tmp_path):
    load(write_csv(tmp_path, FUNCTIONAL_2025), "--edition", "2025")
    changed = FUNCTIONAL_2025.replace("人大事务", "人大事务（新）") + "2010102,一般行政管理事务,3\n"

    output = load(write_csv(tmp_path, changed), "--edition", "2025")

    assert output.strip() == "2025 functional: 1 个新增，1 个更新"
    assert names(FunctionalSubject, 2025)["20101"] == "人大事务（新）"
    assert names(FunctionalSubject, 2025)["2010102"] == "一般行政管理事务"


def test_it_reloads_the_shipped_file_without_changes():
    shipped = Path(budget.codes.__file__).parent / "data" / "economic-2024.csv"
    before = names(EconomicSubject, 2024)

    assert load(shipped, "--edition", "2024").strip() == "2024 economic: 0 个新增，0 个更新"
    assert names(EconomicSubject, 2024) == before


def test_it_loads_xlsx_with_the_same_columns(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["code", "name", "level"])
    # A finance bureau's sheet often holds codes and levels as numbers.
    sheet.append([301, "工资福利支出", 1])
    sheet.append([30101, "基本工资", 2])
    sheet.append(["302", "商品和服务支出", "1"])
    sheet.append(["30201", "办公费", "2"])
    sheet.append([None, None, None])
    path = tmp_path / "economic-2025.xlsx"
    workbook.save(path)

    output = load(path, "--edition", "2025")

    assert output.strip() == "2025 economic: 4 个新增，0 个更新"
    assert names(EconomicSubject, 2025) == {
        "301": "工资福利支出", "30101": "基本工资", "302": "商品和服务支出", "30201": "办公费",
    }


def test_it_reports_every_bad_row_and_writes_nothing(tmp_path):
    path = write_csv(tmp_path, """code,name,level
201,一般公共服务支出,1
20101,人大事务,4
2010,政协事务,2
2050101,学前教育,3
201,一般公共服务支出,1
20103,,2
""")

    with pytest.raises(CommandError) as error:
        load(path, "--edition", "2025")

    faults = str(error.value).splitlines()[1:]
    assert faults == [
        "第 3 行: level 应为 1/2/3，实际为 '4'",
        "第 4 行: 编码 2010 不是 5 位数字的款级编码",
        "第 6 行: 编码 201 重复",
        "第 7 行: 名称为空",
        "编码 2050101: 上级科目 20501 不在文件中，也不在该版本中",
    ]
    assert not Edition.objects.filter(year=2025).exists()
    assert FunctionalSubject.objects.count() == 89


def test_it_refuses_a_file_without_codes(tmp_path):
    with pytest.raises(CommandError) as error:
        load(write_csv(tmp_path, "code,name,level\n,,\n"), "--edition", "2025")

    assert "文件中没有科目" in str(error.value)


def test_it_refuses_a_file_without_the_header(tmp_path):
    path = write_csv(tmp_path, "编码,名称,级次\n201,一般公共服务支出,1\n")

    with pytest.raises(CommandError) as error:
        load(path, "--edition", "2025")

    assert "第 1 行: 表头应为 code,name,level" in str(error.value)


@pytest.mark.parametrize("content, message", [
    ("code,name,level\n201,一般公共服务支出,1\n".encode("gb18030"), "不是 UTF-8 编码"),
    (b"not a zip file", "不是有效的 XLSX 文件"),
])
def test_it_reports_an_unreadable_file(tmp_path, content, message):
    path = tmp_path / ("codes.csv" if message.startswith("不是 UTF") else "codes.xlsx")
    path.write_bytes(content)

    with pytest.raises(CommandError) as error:
        load(path, "--edition", "2025")

    assert message in str(error.value)
    assert not Edition.objects.filter(year=2025).exists()


def test_it_guesses_the_kind_from_the_first_digit(tmp_path):
    load(write_csv(tmp_path, "code,name,level\n399,其他支出,1\n39999,其他支出,2\n"), "--edition", "2025")

    assert names(EconomicSubject, 2025) == {"399": "其他支出", "39999": "其他支出"}
    assert not FunctionalSubject.objects.filter(edition__year=2025).exists()


def test_it_cannot_guess_the_kind_of_a_mixed_file(tmp_path):
    path = write_csv(tmp_path, "code,name,level\n201,一般公共服务支出,1\n301,工资福利支出,1\n")

    with pytest.raises(CommandError) as error:
        load(path, "--edition", "2025")

    assert "无法判断科目类型" in str(error.value)


def test_it_takes_the_kind_from_the_option(tmp_path):
    path = write_csv(tmp_path, "code,name,level\n201,一般公共服务支出,1\n301,工资福利支出,1\n")

    with pytest.raises(CommandError) as error:
        load(path, "--edition", "2025", "--kind", "functional")

    assert str(error.value).splitlines()[1:] == ["第 3 行: 编码 301 应以 2 开头（支出功能分类科目）"]
    assert load(write_csv(tmp_path, FUNCTIONAL_2025), "--edition", "2025", "--kind", "functional").strip() == (
        "2025 functional: 6 个新增，0 个更新"
    )


def test_it_refuses_an_edition_that_is_not_a_year(tmp_path):
    with pytest.raises(CommandError) as error:
        load(write_csv(tmp_path, FUNCTIONAL_2025), "--edition", "99999")

    assert "版本年度应为四位数：99999" in str(error.value)
    assert not Edition.objects.filter(year=99999).exists()
