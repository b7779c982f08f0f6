// A job's page: ask for the job's state each second; show the latest step, and reload the
// page (for its downloads or its error) once the job has ended.
(function () {
  "use strict";
  var box = document.getElementById("job");
  var progress = document.getElementById("progress");
  if (!box || !progress || !window.fetch) { return; }
  var url = box.getAttribute("data-poll");
  function poll() {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (job) {
        if (job.state === "done" || job.state === "failed") { window.location.reload(); return; }
        var text = job.state === "queued"
          ? "Waiting to start: " + job.ahead + (job.ahead === 1 ? " piece" : " pieces") + " of work ahead of this one."
          : "Working: " + (job.step || "starting") + "…";
        if (progress.textContent !== text) { progress.textContent = text; }
        window.setTimeout(poll, 1000);
      }, function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
