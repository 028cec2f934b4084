(function () {
  "use strict";
  var panel = document.getElementById("details-body");
  var current = null;

  function clearSelection() {
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    document.querySelectorAll(".text .ev-on").forEach(function (el) { el.className = "ev"; });
  }

  function select(mark) {
    var id = mark.getAttribute("data-fact");
    if (!id || id === current) { return; }
    current = id;
    var template = document.getElementById("d-" + id);
    if (template) { panel.replaceChildren(template.content.cloneNode(true)); }
    clearSelection();
    var scope = mark.closest(".text") || document;
    scope.querySelectorAll("mark[data-fact]").forEach(function (m) {
      if (m.getAttribute("data-fact") === id) { m.classList.add("selected"); }
    });
    var prefix = id + ":";
    scope.querySelectorAll("[data-ev]").forEach(function (el) {
      el.getAttribute("data-ev").split(" ").forEach(function (token) {
        if (token.indexOf(prefix) === 0) { el.classList.add("ev-on", "ev-" + token.slice(prefix.length)); }
      });
    });
  }

  function markOf(target) {
    return target && target.closest ? target.closest("mark.fact[data-fact]") : null;
  }

  document.addEventListener("focusin", function (event) {
    var mark = markOf(event.target);
    if (mark) { select(mark); }
  });
  document.addEventListener("mouseover", function (event) {
    var mark = markOf(event.target);
    if (mark && !mark.classList.contains("sample")) { select(mark); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { current = null; clearSelection(); }
  });

  function goTo(id) {
    var target = document.getElementById(id);
    if (!target) { return; }
    var article = target.closest("article");
    if (article) { article.hidden = false; }
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    select(target);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-goto]") : null;
    if (link) { event.preventDefault(); goTo(link.getAttribute("data-goto")); }
  });

  // article index: search by id or text
  var search = document.getElementById("index-search");
  if (search) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#index-table tbody tr"));
    var count = document.getElementById("index-count");
    search.addEventListener("input", function () {
      var query = search.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var article = document.getElementById(row.getAttribute("data-target"));
        var hit = !query || row.getAttribute("data-doc").indexOf(query) >= 0 ||
          (article && article.querySelector(".text").textContent.toLowerCase().indexOf(query) >= 0);
        row.hidden = !hit;
        if (article) { article.hidden = !hit; }
        if (hit) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length;
    });
  }

  // an article's facts table is a copy of its rows in the batch table, made when first opened
  document.querySelectorAll("table[data-copy-of]").forEach(function (table) {
    var holder = table.closest("details");
    function fill() {
      if (table.hasAttribute("data-filled")) { return; }
      table.setAttribute("data-filled", "");
      var source = document.getElementById(table.getAttribute("data-copy-of"));
      var article = table.getAttribute("data-article");
      Array.prototype.forEach.call(source.tBodies[0].rows, function (row) {
        if (row.getAttribute("data-article") !== article) { return; }
        var copy = row.cloneNode(true);
        copy.hidden = false;
        copy.deleteCell(0);
        table.tBodies[0].appendChild(copy);
      });
    }
    if (holder) { holder.addEventListener("toggle", fill); } else { fill(); }
  });

  // facts tables: filter, sort, export
  document.querySelectorAll(".table-tools").forEach(function (tools) {
    var table = document.getElementById(tools.getAttribute("data-table"));
    var body = table.tBodies[0];
    var counter = tools.querySelector("[data-count]");
    function value(name) { return tools.querySelector('[data-filter="' + name + '"]').value.trim().toLowerCase(); }
    function refresh() {
      var type = value("type"), subject = value("subject"), period = value("period"), shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var ok = (!type || row.getAttribute("data-type") === type) &&
          (!subject || row.getAttribute("data-subject").indexOf(subject) >= 0) &&
          (!period || row.getAttribute("data-period").toLowerCase().indexOf(period) === 0);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      counter.textContent = shown + " of " + body.rows.length + " facts";
    }
    tools.querySelectorAll("[data-filter]").forEach(function (input) {
      input.addEventListener("input", refresh);
      input.addEventListener("change", refresh);
    });
    tools.querySelector("[data-export]").addEventListener("click", function () {
      var columns = null, lines = [];
      Array.prototype.forEach.call(body.rows, function (row) {
        if (row.hidden) { return; }
        var record = JSON.parse(row.getAttribute("data-record"));
        if (!columns) { columns = Object.keys(record); lines.push(columns.map(csvCell).join(",")); }
        lines.push(columns.map(function (c) { return csvCell(record[c]); }).join(","));
      });
      var blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = tools.getAttribute("data-table") + ".csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    table.querySelectorAll("th button.sort").forEach(function (button, column) {
      button.addEventListener("click", function () {
        var th = button.parentElement;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = button.hasAttribute("data-numeric");
        var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = sortValue(a.cells[column]), y = sortValue(b.cells[column]);
          var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        sorted.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  function sortValue(cell) {
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim().toLowerCase();
  }
  function csvCell(value) {
    if (value === null || value === undefined) { return ""; }
    if (Array.isArray(value)) { value = value.join("; "); }
    var text = String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // evaluation view: show or hide each kind of mark
  document.querySelectorAll("[data-kind-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-kind-toggle"), !box.checked);
    });
  });

  if (location.hash.length > 1) {
    var start = document.getElementById(location.hash.slice(1));
    if (start && start.matches("mark.fact")) { select(start); }
  }
})();
