// Reports: sortable tables, the print button, and the custom-period fields. The page works without it.
(function () {
  "use strict";

  function sortTable(table, index, kind) {
    var body = table.tBodies[0];
    var th = table.tHead.rows[0].cells[index];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      if (cell.hasAttribute("data-sort")) { cell.setAttribute("aria-sort", "none"); }
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].getAttribute("data-value") || "";
      var y = b.cells[index].getAttribute("data-value") || "";
      var result = kind === "num" ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "vi");
      return ascending ? result : -result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (!th.hasAttribute("data-sort")) { return; }
      var sort = function () { sortTable(table, index, th.getAttribute("data-sort")); };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  var period = document.getElementById("r-period");
  if (period) {
    var toggle = function () {
      var custom = period.value === "custom";
      document.querySelectorAll(".period-custom").forEach(function (el) { el.classList.toggle("d-none", !custom); });
      document.querySelectorAll(".period-official").forEach(function (el) { el.classList.toggle("d-none", custom); });
    };
    period.addEventListener("change", toggle);
    toggle();
  }
})();
