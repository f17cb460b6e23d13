// Nhập dữ liệu (imports): the progress bar of a big import, and confirmations on review buttons.
(function () {
  var box = document.querySelector(".import-progress");
  if (box) {
    var bar = box.querySelector(".progress-bar");
    var wrap = box.querySelector(".import-bar");
    var stage = box.querySelector(".js-stage");
    var count = box.querySelector(".js-count");
    var fmt = function (n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); };
    var poll = function () {
      fetch(box.getAttribute("data-status-url"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (s.finished) { window.location.assign(box.getAttribute("data-done-url")); return; }
          var pct = s.percent || 0;
          bar.className = bar.className.replace(/\bw-pct-\d+\b/, "") + " w-pct-" + (Math.floor(pct / 5) * 5);
          bar.textContent = pct + " %";
          wrap.setAttribute("aria-valuenow", pct);
          if (s.label) { stage.textContent = s.label; }
          count.textContent = s.total ? fmt(s.done) + " / " + fmt(s.total) + " " + (s.unit || "dòng") : "";
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 500);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Unticking "Nhập" greys the item at once, as it will look after saving.
  document.querySelectorAll(".review-item input[name$='-include']").forEach(function (box) {
    box.addEventListener("change", function () {
      box.closest(".review-item").classList.toggle("greyed", !box.checked);
    });
  });
})();
