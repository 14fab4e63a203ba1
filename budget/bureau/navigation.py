"""Where a signed-in user's work is: the links of the site header and of the admin's index.

Accountants land on their department's budgets; reviewers also need the review queue and the
bureau's consolidated view, which live outside the admin and would otherwise be found only by
typing their address.
"""
from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from budget.budgets.access import visible_budgets
from budget.orgs.roles import profile_of, reviews


def work_links(user):
    """[(label, url)] for `user`; none for visitors and for users without a role."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return []
    profile = profile_of(user)
    if not user.is_superuser and profile is None:
        return []
    links = [("本部门预算" if profile and profile.enters_data else "预算数据",
              reverse("admin:budgets_budget_changelist"))]
    if reviews(user):
        links.append(("审核队列", reverse("review:queue")))
        newest = visible_budgets(user).aggregate(year=Max("year"))["year"]
        if newest:
            links.append((f"{newest} 年汇总", reverse("consolidated:bureau", args=[newest])))
            links.append((f"{newest} 年报送进度", reverse("consolidated:progress", args=[newest])))
    links.append(("公开网站", reverse("public:index")))
    return links


def navigation(request):
    """Context processor: `work_links`, computed only when a template shows them."""
    # The public site's handler has no user (budget/wsgi.py): its pages are a visitor's.
    return {"work_links": SimpleLazyObject(lambda: work_links(getattr(request, "user", AnonymousUser())))}
