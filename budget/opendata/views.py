"""/data/: the data dictionary page and the bulk ZIPs it describes."""
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from budget.budgets.sources import Source
from budget.codes.models import EconomicSubject, Edition, FunctionalSubject

from .bundle import LINES_FILE
from .columns import LINE_COLUMNS, TABLE_COLUMNS
from .models import Bundle
from .package import data_license

public = cache_control(public=True, max_age=300)


@require_safe
@public
def dictionary(request):
    """Every bulk file with its size and date, and what each file and column means."""
    bundles = list(Bundle.objects.select_related("bureau"))
    years = [bundle for bundle in bundles if bundle.bureau_id is None]
    return render(request, "opendata/dictionary.html", {
        "years": [(bundle, [b for b in bundles if b.bureau_id and b.year == bundle.year]) for bundle in years],
        "files": [
            (LINES_FILE, "预算明细：每行一条明细（预算单位 × 功能分类项 × 经济分类款 × 资金来源 × 基本/项目支出 × 项目），"
                         "金额为元。各表都由这些明细汇总而来。", LINE_COLUMNS),
            ("table-01.csv … table-11.csv", "公开表：每个文件一个表号（表1 至表11，按各部门所用模板，"
                                           "同一表号在不同模板中是不同的表），逐单元格一行，同时给出显示内容"
                                           "（按该表的显示单位，元或万元）和精确金额（元）；单位预算的表也在其中，"
                                           "注明所属单位。", TABLE_COLUMNS),
        ],
        "sources": Source.choices,
        "editions": [(edition, FunctionalSubject.objects.filter(edition=edition).count(),
                      EconomicSubject.objects.filter(edition=edition).count()) for edition in Edition.objects.all()],
        "license": data_license(),
    })


@require_safe
@public
def download(request, year, bureau=None):
    bundle = Bundle.objects.filter(year=year, bureau_id=bureau).first()
    if bundle is None:
        raise Http404("没有这份开放数据")
    name = f"部门预算开放数据-{year}" + (f"-{bundle.bureau_id}" if bureau else "") + ".zip"
    return FileResponse(bundle.file.open("rb"), as_attachment=True, filename=name, content_type="application/zip")
