// Task workflow (task page): a quick-action link opens its panel and moves the focus into it.
// Everything works without this script: the panels are <details> elements.
(function () {
  function openPanel(id, focus) {
    var panel = document.getElementById(id);
    if (!panel || panel.tagName !== "DETAILS") { return false; }
    panel.open = true;
    panel.scrollIntoView({ block: "start" });
    if (focus) {
      var first = panel.querySelector("textarea, input:not([type=hidden]), select");
      (first || panel.querySelector("summary")).focus({ preventScroll: true });
    }
    return true;
  }
  document.querySelectorAll("a[data-open-panel]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var id = link.getAttribute("data-open-panel");
      if (openPanel(id, true)) {
        event.preventDefault();
        history.replaceState(null, "", "#" + id);
      }
    });
  });
  if (location.hash.indexOf("#act-") === 0) { openPanel(location.hash.slice(1), false); }
  // A refused action comes back with its panel open: bring the message into view.
  var refused = document.querySelector("#actions .alert-danger");
  if (refused) { refused.scrollIntoView({ block: "start" }); }
  // Edit form: say which coordinating agencies are chosen (a long multi-select hides its choices).
  document.querySelectorAll("[data-summary-for]").forEach(function (out) {
    var select = document.getElementById(out.getAttribute("data-summary-for"));
    if (!select) { return; }
    select.addEventListener("change", function () {
      var names = Array.prototype.filter.call(select.options, function (o) { return o.selected; })
        .map(function (o) { return o.text; });
      out.textContent = "Đang chọn: " + (names.length ? names.join("; ") : "không có");
    });
  });
})();
