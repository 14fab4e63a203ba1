// 情况说明与上年数: find a key of 上年预算数, 变动原因 or 主要用途 by typing its code or name.
// Each <select class="key-chooser"> (every key the document prints, with its Chinese name and
// this year's figure) gets a search box; typing narrows the list, Enter takes the first match.
// Without the script the list still works: it only narrows what is offered.
"use strict";
(function () {
  function terms(text) {
    return text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  }

  function matches(option, wanted) {
    const text = (option.textContent + " " + option.value).toLowerCase();
    return wanted.every(function (term) { return text.includes(term); });
  }

  function narrow(select, box) {
    const wanted = terms(box.value);
    let shown = [];
    select.querySelectorAll("option").forEach(function (option) {
      const keep = !option.value || !wanted.length || matches(option, wanted);
      option.hidden = !keep;
      if (keep && option.value) {
        shown.push(option);
      }
    });
    select.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
    select.size = wanted.length ? Math.max(2, Math.min(8, shown.length + 1)) : 0;
    if (wanted.length && shown.length === 1) {
      shown[0].selected = true;
    }
    box.setAttribute("aria-description", wanted.length ? "找到 " + shown.length + " 项" : "");
    return shown;
  }

  function enhance(select) {
    if (select.dataset.chooser || select.name.includes("__prefix__")) {
      return;
    }
    select.dataset.chooser = "1";
    const box = document.createElement("input");
    box.type = "search";
    box.className = "key-search";
    box.placeholder = "输入编码或名称查找";
    box.setAttribute("aria-label", "查找指标或科目");
    select.before(box);
    box.addEventListener("input", function () { narrow(select, box); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();  // the form is not saved by choosing a key
        const first = narrow(select, box)[0];
        if (first) {
          first.selected = true;
          select.dispatchEvent(new Event("change", { bubbles: true }));
          select.size = 0;
          select.focus();
        }
      }
    });
    select.addEventListener("change", function () { select.size = 0; });
  }

  function enhanceAll() {
    document.querySelectorAll("select.key-chooser").forEach(enhance);
  }
  enhanceAll();
  // Rows added with "添加另一个" are copies of the empty form: enhance them as they come.
  document.addEventListener("formset:added", enhanceAll);
})();
