// Docket's workspace works without this script; it only enhances: a running run's progress
// refreshes itself, the runs list follows its running runs and shows a submission's run when it
// appears, and the review queue answers to the keyboard (j and k move, Enter opens).
(function () {
  "use strict";
  var progress = document.querySelector('[data-progress="true"]');
  if (progress && window.fetch) {
    var url = location.pathname.replace(/\/$/, "") + "/progress";
    var timer = setInterval(function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (p) {
          if (!p) { return; }
          progress.textContent = p.status + ": " + p.done + " of " + p.units + " questions answered, " + p.failed +
            " failed, " + p.held + " held, over " + p.documents + " documents.";
          if (!p.running) { clearInterval(timer); location.reload(); }
        })
        .catch(function () { clearInterval(timer); });
    }, 2000);
  }
  var listing = document.querySelector('[data-runs-live="true"]');
  if (listing && window.fetch) {
    var signature = listing.getAttribute("data-signature");
    var poll = setInterval(function () {
      fetch("/progress", { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (live) {
          if (!live) { return; }
          // A run or a submission came or went, or a run ended: the page itself says it best.
          var ended = Array.prototype.some.call(listing.querySelectorAll("tr[data-run]"), function (row) {
            var status = row.querySelector('[data-field="status"]');
            return status.textContent === "running" &&
              !live.running.some(function (run) { return run.id === row.getAttribute("data-run"); });
          });
          if (live.signature !== signature || ended) { clearInterval(poll); location.reload(); return; }
          live.running.forEach(function (run) {
            var row = listing.querySelector('tr[data-run="' + CSS.escape(run.id) + '"]');
            if (!row) { return; }
            var p = run.progress;
            row.querySelector('[data-field="documents"]').textContent = p.documents;
            row.querySelector('[data-field="units"]').textContent = p.done + "/" + p.units;
            row.querySelector('[data-field="failed"]').textContent = p.failed;
            row.querySelector('[data-field="held"]').textContent = p.held;
          });
          if (!live.live) { clearInterval(poll); }
        })
        .catch(function () { clearInterval(poll); });
    }, 3000);
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-challenge]"));
  if (items.length) {
    var at = -1;
    document.addEventListener("keydown", function (event) {
      if (event.target.closest && event.target.closest("input, textarea, select, button")) { return; }
      if (event.key === "j" || event.key === "k") {
        at = Math.max(0, Math.min(items.length - 1, at + (event.key === "j" ? 1 : -1)));
        items.forEach(function (item, index) { item.classList.toggle("current", index === at); });
        items[at].scrollIntoView({ block: "nearest" });
      } else if (event.key === "Enter" && at >= 0) {
        location.href = "/review/" + encodeURIComponent(items[at].getAttribute("data-challenge"));
      }
    });
  }
})();
