// 绩效指标: the 二级指标 input suggests the second levels of the 一级指标 typed beside it
// (budget/entry/admin/indicators.py). Delegated, so rows added with "添加另一个" work too.
"use strict";
(function () {
  const lists = document.getElementById("indicator-lists");
  if (!lists) {
    return;
  }
  const byLevel1 = JSON.parse(lists.dataset.level2);
  function narrow(level1) {
    const row = level1.closest(".inline-related, tr");
    const level2 = row && row.querySelector("input.indicator-level2");
    if (level2) {
      level2.setAttribute("list", byLevel1[level1.value.trim()] || lists.dataset.every);
    }
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches("input.indicator-level1")) {
      narrow(event.target);
    }
  });
  document.querySelectorAll("input.indicator-level1").forEach(narrow);
})();
