"""第一部分 部门概况: the staffing sentence; the rest is entered text."""


def headcount_change(change):
    return f"减少 {-change} 人" if change < 0 else f"增加 {change} 人"


def staffing_sentence(name, o):
    return (
        f"{name}编制数 {o.authorized}，实有人数 {o.actual} 人，其中：在职 {o.serving} 人，"
        f"{headcount_change(o.serving_change)}；退休 {o.retired} 人，{headcount_change(o.retired_change)}；"
        f"离休 {o.retired_cadres} 人，{headcount_change(o.retired_cadres_change)}。"
    )
