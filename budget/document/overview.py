"""第一部分 部门概况: the staffing sentence; the rest is entered text."""

STAFF_GROUPS = [("在职", "serving"), ("退休", "retired"), ("离休", "retired_cadres")]


def headcount_change(change):
    return f"减少 {-change} 人" if change < 0 else f"增加 {change} 人"


def staffing_sentence(name, o):
    """'…编制数 40，实有人数 56 人，其中：在职 29 人，减少 3 人；…'; a number that is not
    published (None) is left out with its words, and "" when none is published."""
    head = ([f"编制数 {o.authorized}"] if o.authorized is not None else []) + (
        [f"实有人数 {o.actual} 人"] if o.actual is not None else [])
    groups = []
    for label, field in STAFF_GROUPS:
        count, change = getattr(o, field), getattr(o, f"{field}_change")
        if count is not None:
            groups.append(f"{label} {count} 人" + (f"，{headcount_change(change)}" if change is not None else ""))
    if not head and not groups:
        return ""
    text = "，".join(head) + (("，其中：" if head else "") + "；".join(groups) if groups else "")
    return f"{name}{text}。"
