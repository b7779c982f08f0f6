// The Vary page: when the draft is chosen, the two file inputs are hidden (the draft and the
// file it started from are the two versions); choosing "Upload" shows them, and requires
// those not already uploaded (data-held).
(function () {
  "use strict";
  var uploads = document.getElementById("uploads");
  var draft = document.getElementById("source-draft");
  var upload = document.getElementById("source-upload");
  if (!uploads || !draft || !upload) { return; }
  function show() {
    var byUpload = upload.checked;
    uploads.hidden = !byUpload;
    ["old", "new"].forEach(function (id) {
      var input = document.getElementById(id);
      if (input) { input.required = byUpload && !input.hasAttribute("data-held"); }
    });
  }
  draft.addEventListener("change", show);
  upload.addEventListener("change", show);
  show();
})();
