/* The lines grid (budget.entry.grid): Tabulator with remote paging, sorting and filtering;
   every edit, paste or deletion is saved at once as one batch through the grid's JSON API,
   which checks it with the Excel sheet's reader and refuses a stale page. Nothing typed is
   dropped: a refused row keeps its cells, marked, until it is saved. */
(function () {
  "use strict";

  var root = document.getElementById("lines-grid");
  if (!root || typeof Tabulator === "undefined") {
    return;
  }
  var config = root.dataset;
  var editable = config.editable === "1";
  var options = JSON.parse(document.getElementById("grid-options").textContent);
  var csrf = document.querySelector("#grid-csrf input[name=csrfmiddlewaretoken]").value;
  var filters = document.getElementById("grid-filters");
  var status = document.getElementById("grid-status");
  var errorBox = document.getElementById("grid-errors");
  var REQUIRED = ["unit", "function", "economic", "source", "kind", "amount"];
  var revision = null;
  var offset = 0;
  var saving = Promise.resolve();

  function named(pairs) {
    var map = {};
    pairs.forEach(function (pair) { map[pair[0]] = pair[1]; });
    return map;
  }
  var names = {function: named(options.functions), economic: named(options.economics)};

  function listOf(pairs) {
    return pairs.map(function (pair) { return {value: pair[0], label: pair[0] + " " + pair[1]}; });
  }

  /* Tabulator's list editor takes a highlighted choice, when the cell is left, only from a blur
     callback that its list arms 10 ms after opening (later on a busy machine), so a Tab pressed
     before then dropped the code. Leaving for another cell takes what the input shows: the
     offered item whose label it is, else the text as typed, as the list does with free text. */
  function listKeepingChoice(cell, onRendered, success, cancel, params) {
    var input = this.editors.list.call(this, cell, onRendered, success, cancel, params);
    input.addEventListener("blur", function (event) {
      var next = event.relatedTarget;
      if (next && next.closest(".tabulator-cell")) {
        success(offeredValue(input.value, params.values));  // ignored if the list took it already
      }
    });
    return input;
  }

  function offeredValue(text, values) {
    var item = values.find(function (value) { return (value.label === undefined ? value : value.label) === text; });
    if (item === undefined) {
      return text;
    }
    return item.value === undefined ? item : item.value;
  }

  function listEditor(values, allowEmpty) {
    return {
      editor: listKeepingChoice,
      editorParams: {
        values: values, autocomplete: true, freetext: true, allowEmpty: !!allowEmpty, listOnEmpty: true,
        clearable: false, maxWidth: 480, sort: false, emptyValue: "",
        filterDelay: 0  // filtered as each key is typed: an arrow or Enter never picks from the list before the filter
      }
    };
  }

  function withEditor(column, editor) {
    if (editable) {
      Object.keys(editor).forEach(function (key) { column[key] = editor[key]; });
    }
    return column;
  }

  function grouped(value) {
    var text = value == null ? "" : String(value);
    var parts = text.split(".");
    if (!/^[0-9]+$/.test(parts[0])) {
      return text;
    }
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  function rowNumber(cell) {
    return offset + cell.getRow().getPosition();
  }

  var columns = [
    withEditor({title: "单位编码", field: "unit", minWidth: 72, widthGrow: 1}, listEditor(listOf(options.units))),
    withEditor({title: "功能科目编码", field: "function", minWidth: 80, widthGrow: 1}, listEditor(listOf(options.functions))),
    {title: "功能科目名称", field: "function_name", minWidth: 90, widthGrow: 2, tooltip: true},
    withEditor({title: "经济科目编码", field: "economic", minWidth: 66, widthGrow: 1}, listEditor(listOf(options.economics))),
    {title: "经济科目名称", field: "economic_name", minWidth: 80, widthGrow: 2, tooltip: true},
    withEditor({title: "资金来源", field: "source", minWidth: 90, widthGrow: 2}, listEditor(options.sources)),
    withEditor({title: "支出类型", field: "kind", minWidth: 70, widthGrow: 1}, listEditor(options.kinds)),
    withEditor({title: "金额（" + config.unit + "）", field: "amount", minWidth: 92, widthGrow: 1, hozAlign: "right",
                formatter: function (cell) { return grouped(cell.getValue()); }}, {editor: "input"}),
    withEditor({title: "项目编码", field: "project", minWidth: 80, widthGrow: 1}, listEditor(listOf(options.projects), true))
  ];

  function query(params) {
    var search = new URLSearchParams();
    search.set("page", params.page || 1);
    search.set("size", params.size || 100);
    if (params.sort && params.sort.length) {
      search.set("sort", params.sort[0].field);
      search.set("dir", params.sort[0].dir);
    }
    new FormData(filters).forEach(function (value, key) {
      if (value) {
        search.set(key, value);
      }
    });
    return search.toString();
  }

  function dirtyRows() {
    return table.getRows().filter(function (row) { return row.getElement().classList.contains("grid-unsaved"); });
  }

  var table = new Tabulator(root, {
    maxHeight: "62vh",
    layout: "fitColumns",
    placeholder: "没有符合条件的明细",
    locale: "zh-cn",
    langs: {"zh-cn": {
      data: {loading: "正在读取…", error: "读取失败"},
      pagination: {page_size: "每页行数", page_title: "显示第几页", first: "首页", first_title: "首页",
                   last: "末页", last_title: "末页", prev: "上一页", prev_title: "上一页", next: "下一页",
                   next_title: "下一页", all: "全部", counter: {showing: "第", of: "条，共", rows: "条", pages: "页"}}
    }},
    pagination: true,
    paginationMode: "remote",
    paginationSize: 100,
    paginationSizeSelector: [50, 100, 200, 500],
    paginationCounter: function (pageSize, currentRow, currentPage, totalRows, totalPages) {
      return "共 " + totalRows + " 条明细，第 " + currentPage + "/" + totalPages + " 页";
    },
    sortMode: "remote",
    ajaxURL: config.linesUrl,
    ajaxURLGenerator: function (url, unused, params) { return url + "?" + query(params); },
    ajaxRequesting: function () {
      var dirty = dirtyRows().length;
      return !dirty || window.confirm("有 " + dirty + " 行未保存，换页或筛选将丢弃它们。继续吗？");
    },
    ajaxResponse: function (url, params, response) {
      revision = response.revision;
      offset = response.offset;
      showTotals(response.totals);
      return {last_page: response.last_page, last_row: response.count, data: response.data};
    },
    selectableRange: 1,
    selectableRangeRows: true,
    selectableRangeClearCells: false,
    editTriggerEvent: "dblclick",
    clipboard: editable ? true : "copy",
    clipboardCopyRowRange: "range",
    clipboardCopyStyled: false,
    clipboardCopyConfig: {rowHeaders: false, columnHeaders: false},
    clipboardPasteParser: pasteParser,
    clipboardPasteAction: pasteAction,
    rowHeader: {title: "行", field: "_row", headerSort: false, resizable: false, frozen: true, width: 44,
                hozAlign: "right", formatter: rowNumber},
    columnDefaults: {headerSortTristate: true, tooltip: false},
    columns: columns
  });

  /* Paste: the block's rows start at the active cell's row and column; rows past the page's
     last become new rows. Excel ends the block with a line break and may use \r\n. */
  function pasteParser(clipboard) {
    var range = this.table.modules.selectRange.activeRange;
    var start = range && range.getBounds().start;
    if (!start) {
      return false;
    }
    var lines = clipboard.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
    var visible = this.table.columnManager.getVisibleColumnsByIndex();
    var first = visible.indexOf(start.column);
    if (first < 0) {
      return false;
    }
    return lines.map(function (line) {
      var row = {};
      line.split("\t").forEach(function (value, i) {
        var column = visible[first + i];
        if (column && column.field && column.field !== "_row" && column.definition.editor) {
          row[column.field] = value.trim();
        }
      });
      return row;
    });
  }

  function pasteAction(data) {
    var range = this.table.modules.selectRange.activeRange;
    var rows = this.table.rowManager.activeRows.slice();
    var startRow = rows.indexOf(range.getBounds().start.row);
    var touched = data.map(function (values, i) {
      var row = rows[startRow + i];
      if (row) {
        row.updateData(values);
        return row.getComponent();
      }
      return null;
    });
    var added = data.slice(touched.filter(Boolean).length);
    return {existing: touched.filter(Boolean), added: added};
  }

  table.on("clipboardPasted", function (clipboard, rowData, result) {
    var existing = result.existing;
    table.addData(result.added.map(function (values) { return Object.assign({id: null}, values); }), false)
      .then(function (added) {
        var rows = existing.concat(added);
        rows.forEach(fillNames);
        rows.forEach(markUnsaved);
        save(rows.filter(complete), []);
      });
  });

  function fillNames(row) {
    var data = row.getData();
    row.update({function_name: names.function[data.function] || "", economic_name: names.economic[data.economic] || ""});
  }

  function markUnsaved(row) {
    row.getElement().classList.add("grid-unsaved");
  }

  function complete(row) {
    var data = row.getData();
    return data.id || REQUIRED.every(function (field) { return data[field] !== undefined && data[field] !== ""; });
  }

  table.on("cellEdited", function (cell) {
    var row = cell.getRow();
    if (cell.getValue() === cell.getOldValue()) {
      return;
    }
    fillNames(row);
    markUnsaved(row);
    if (complete(row)) {
      save([row], []);
    } else {
      say("第 " + (offset + row.getPosition()) + " 行尚未填完（" + missing(row).join("、") + "），填完后保存");
    }
  });

  function missing(row) {
    var data = row.getData();
    return REQUIRED.filter(function (field) { return !data[field]; }).map(function (field) {
      return table.getColumn(field).getDefinition().title;
    });
  }

  function payload(row) {
    var data = row.getData();
    var sent = {id: data.id || null, row: offset + row.getPosition()};
    ["unit", "function", "economic", "source", "kind", "amount", "project"].forEach(function (field) {
      sent[field] = data[field] == null ? "" : String(data[field]);
    });
    return sent;
  }

  function save(rows, deleted) {
    if (!rows.length && !deleted.length) {
      return saving;
    }
    saving = saving.then(function () { return post(rows, deleted); });
    return saving;
  }

  function post(rows, deleted) {
    var sent = rows.map(payload);
    say("正在保存…");
    return fetch(config.saveUrl, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({revision: revision, rows: sent, deleted: deleted})
    }).then(function (response) {
      return response.json().catch(function () { return {errors: [{message: "保存失败（" + response.status + "）"}]}; })
        .then(function (answer) { return {ok: response.ok, status: response.status, answer: answer}; });
    }).then(function (result) {
      if (result.ok) {
        saved(rows, sent, result.answer);
      } else {
        refused(rows, sent, result.answer.errors || [], result.status);
      }
      return result.ok;
    }, function () {
      refused(rows, sent, [{message: "无法连接服务器，修改未保存"}], 0);
      return false;
    });
  }

  function saved(rows, sent, answer) {
    revision = answer.revision;
    var byNumber = {};
    answer.saved.forEach(function (line) { byNumber[line.row] = line; });
    rows.forEach(function (row, i) {
      var line = byNumber[sent[i].row];
      if (line) {
        delete line.row;
        row.update(line);
      }
      row.getElement().classList.remove("grid-unsaved");
      clearMarks(row);
    });
    showTotals(answer.totals);
    hideErrors();
    var deleted = answer.deleted.length ? "，删除 " + answer.deleted.length + " 行" : "";
    say("已保存" + (rows.length ? " " + rows.length + " 行" : "") + deleted);
  }

  function refused(rows, sent, errors, code) {
    var byNumber = {};
    rows.forEach(function (row, i) { byNumber[sent[i].row] = row; clearMarks(row); });
    errors.forEach(function (error) {
      var row = byNumber[error.row];
      if (row && error.field && table.getColumn(error.field)) {
        var element = row.getCell(error.field).getElement();
        element.classList.add("grid-error");
        element.title = error.message;
      } else if (row) {
        row.getElement().classList.add("grid-row-error");
      }
    });
    showErrors(errors, code === 409);
    say("未保存");
  }

  function clearMarks(row) {
    row.getElement().classList.remove("grid-row-error");
    row.getCells().forEach(function (cell) {
      cell.getElement().classList.remove("grid-error");
      cell.getElement().removeAttribute("title");
    });
  }

  function showErrors(errors, stale) {
    errorBox.replaceChildren();
    var intro = document.createElement("p");
    intro.textContent = stale ? "保存被拒绝：" : "这次修改未保存（共 " + errors.length + " 处问题，已保存的明细没有改动）：";
    var list = document.createElement("ul");
    errors.forEach(function (error) {
      var item = document.createElement("li");
      item.textContent = error.message;
      list.appendChild(item);
    });
    errorBox.append(intro, list);
    if (stale) {
      var reload = document.createElement("button");
      reload.type = "button";
      reload.textContent = "刷新表格（放弃未保存的修改）";
      reload.addEventListener("click", refresh);
      errorBox.appendChild(reload);
    }
    errorBox.hidden = false;
  }

  function refresh() {
    dirtyRows().forEach(function (row) { row.getElement().classList.remove("grid-unsaved"); });
    hideErrors();
    table.setData();
  }

  function hideErrors() {
    errorBox.hidden = true;
    errorBox.replaceChildren();
  }

  function say(text) {
    status.textContent = text;
  }

  function showTotals(totals) {
    var body = document.querySelector("#grid-totals tbody");
    var foot = document.querySelector("#grid-totals tfoot");
    function line(row, total) {
      var tr = document.createElement("tr");
      if (total) {
        tr.className = "total";
      }
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = row.label;
      tr.appendChild(th);
      row.amounts.forEach(function (amount) {
        var td = document.createElement("td");
        td.className = "amount";
        td.textContent = amount;
        tr.appendChild(td);
      });
      return tr;
    }
    body.replaceChildren.apply(body, totals.rows.map(function (row) { return line(row, false); }));
    foot.replaceChildren(line(totals.total, true));
  }

  /* Typing on a selected cell starts editing it with what was typed, as in a spreadsheet. */
  root.addEventListener("keydown", function (event) {
    if (!editable || event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) {
      return;
    }
    var edit = table.modules.edit;
    var cell = table.modules.selectRange.getActiveCell();
    if ((edit && edit.currentCell) || !cell || !cell.column.definition.editor) {
      return;
    }
    event.preventDefault();
    edit.editCell(cell);
    var input = cell.getElement().querySelector("input");
    if (input) {
      input.value = event.key;
      input.dispatchEvent(new Event("input", {bubbles: true}));
    }
  });

  /* A list editor filters its choices on keyup; text from an input method (Chinese) may arrive
     without one, so every input in a cell's editor is followed by a keyup. */
  root.addEventListener("input", function (event) {
    if (event.target.tagName === "INPUT" && event.target.closest(".tabulator-cell")) {
      event.target.dispatchEvent(new KeyboardEvent("keyup", {key: "Unidentified", bubbles: true}));
    }
  });

  var addButton = document.getElementById("grid-add");
  if (addButton) {
    addButton.addEventListener("click", function () {
      var defaults = {id: null, kind: options.kinds[0]};
      if (options.units.length === 1) {
        defaults.unit = options.units[0][0];
      }
      table.addRow(defaults, false).then(function (row) {
        table.scrollToRow(row, "bottom", false);
        var cell = row.getCell(defaults.unit ? "function" : "unit");
        table.modules.selectRange.resetRanges().setBounds(cell._cell);
        cell.edit();
      });
    });
  }

  var deleteButton = document.getElementById("grid-delete");
  if (deleteButton) {
    deleteButton.addEventListener("click", function () {
      var ranges = table.getRanges();
      var rows = ranges.length ? ranges[0].getRows() : [];
      if (!rows.length) {
        say("请先选中要删除的行");
        return;
      }
      if (!window.confirm("删除选中的 " + rows.length + " 行明细？")) {
        return;
      }
      var stored = rows.filter(function (row) { return row.getData().id; });
      rows.filter(function (row) { return !row.getData().id; }).forEach(function (row) { row.delete(); });
      save([], stored.map(function (row) { return row.getData().id; })).then(function (ok) {
        if (ok) {
          stored.forEach(function (row) { row.delete(); });
        }
      });
    });
  }

  var reloading = null;
  function reload() {
    clearTimeout(reloading);
    reloading = setTimeout(function () { table.setPage(1); }, 250);
  }
  filters.addEventListener("input", reload);
  filters.addEventListener("change", reload);
  filters.addEventListener("reset", function () { setTimeout(reload, 0); });
  filters.addEventListener("submit", function (event) { event.preventDefault(); reload(); });

  window.addEventListener("beforeunload", function (event) {
    if (dirtyRows().length) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  window.linesGrid = table;  // for the browser tests and for reading in the console
}());
