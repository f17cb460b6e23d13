// The task form's "hạn: N ngày làm việc từ ngày giao": as N or the assignment date is typed, ask the
// server for the day N working days later (weekends, holidays and làm bù days counted by the calendar)
// and put it in the deadline field. Progressive enhancement: the server computes it too on saving.
(function () {
  "use strict";
  document.querySelectorAll("[data-workdays-box]").forEach(function (box) {
    var count = document.getElementById(box.getAttribute("data-count"));
    var start = document.getElementById(box.getAttribute("data-start"));
    var target = document.getElementById(box.getAttribute("data-target"));
    var result = box.querySelector("[data-workdays-result]");
    if (!count || !start || !target || !result) { return; }
    var hint = result.textContent;
    var timer = null;
    var asked = 0;

    function update() {
      var n = (count.value || "").trim();
      if (!n) { result.textContent = hint; return; }
      if (!/^\d+$/.test(n) || !(start.value || "").trim()) {
        result.textContent = "Nhập ngày giao và số ngày làm việc (số nguyên), ví dụ 10.";
        return;
      }
      var mine = ++asked;
      var url = box.getAttribute("data-url") + "?start=" + encodeURIComponent(start.value.trim()) + "&n=" + n;
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (answer) {
          if (mine !== asked) { return; }
          if (!answer.ok) { result.textContent = answer.body.error || "Không tính được thời hạn."; return; }
          target.value = answer.body.deadline_text;
          target.dispatchEvent(new Event("change", { bubbles: true }));
          var skipped = answer.body.skipped.length
            ? " (bỏ qua " + answer.body.skipped.length + " ngày nghỉ lễ, Tết)" : "";
          result.textContent = "Thời hạn: " + answer.body.label + skipped + ".";
        })
        .catch(function () { if (mine === asked) { result.textContent = "Không tính được thời hạn; hãy thử lại."; } });
    }

    function later() { clearTimeout(timer); timer = setTimeout(update, 250); }
    count.addEventListener("input", later);
    start.addEventListener("change", later);
    start.addEventListener("input", later);
  });
})();
