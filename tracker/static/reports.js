// Reports: sortable tables, the long groupings' next rows and search, the print button, and the custom-period fields. The page works without it.
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

  // A fragment of the report screen (its rows, its quarters' chart), parsed, or an error.
  function fetchFragment(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html;
        return template.content;
      });
  }

  // The last four quarters' chart (reports.trend_chart), fetched once the page is shown.
  document.querySelectorAll("[data-trend]").forEach(function (figure) {
    var wait = figure.querySelector("[data-trend-wait]");
    fetchFragment(figure.getAttribute("data-trend"))
      .then(function (content) { figure.replaceChild(content, wait); })
      .catch(function () { wait.textContent = figure.getAttribute("data-trend-error"); })
      .then(function () { figure.removeAttribute("aria-busy"); });
  });

  // The long groupings: «Xem thêm» adds the next rows, the search replaces them (reports.rows).
  // Without this script both links are the report page itself at the next page / with the search.
  function fetchRows(box, url, append) {
    var table = document.getElementById(box.getAttribute("data-rows")).closest("section").querySelector("table");
    var status = box.querySelector("[data-rows-status]");
    var more = box.querySelector("[data-rows-more]");
    box.setAttribute("aria-busy", "true");
    return fetchFragment(url)
      .then(function (content) {
        var rows = content.querySelector("tbody");
        var body = table.tBodies[0];
        if (!append) { body.textContent = ""; }
        Array.prototype.slice.call(rows.rows).forEach(function (row) { body.appendChild(row); });
        status.textContent = rows.getAttribute("data-status");
        var next = rows.getAttribute("data-next");
        more.classList.toggle("d-none", !next);
        if (next) {
          more.setAttribute("data-url", next);
          more.setAttribute("href", rows.getAttribute("data-next-href") + "#" + box.getAttribute("data-rows"));
        }
      })
      .catch(function () { window.location.href = more.getAttribute("href"); })
      .then(function () { box.removeAttribute("aria-busy"); });
  }

  document.querySelectorAll("[data-rows]").forEach(function (box) {
    var more = box.querySelector("[data-rows-more]");
    more.addEventListener("click", function (e) {
      e.preventDefault();
      fetchRows(box, more.getAttribute("data-url"), true);
    });
    var search = box.querySelector("[data-rows-search]");
    search.addEventListener("submit", function (e) {
      e.preventDefault();
      var query = new URLSearchParams(new FormData(search)).toString();
      fetchRows(box, search.getAttribute("data-url") + "&" + query, false);
    });
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
