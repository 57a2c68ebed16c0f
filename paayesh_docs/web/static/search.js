// Results as you type: the form's values go to "/?...&partial=1" and the answer (the
// server-rendered results) replaces #results. A slower answer never overwrites a newer one.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var results = document.getElementById("results");
  if (!form || !results || !window.fetch) { return; }
  var timer = null, asked = 0;
  function query() {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (key) {
      if (!params.get(key)) { params.delete(key); }
    });
    return params;
  }
  function search() {
    var params = query(), mine = ++asked;
    var shown = params.toString();
    params.set("partial", "1");
    fetch("/?" + params.toString(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.redirected || response.status === 401) { window.location.reload(); return null; }
        return response.text();
      })
      .then(function (html) {
        if (html === null || mine !== asked) { return; }
        results.innerHTML = html;
        history.replaceState(null, "", shown ? "/?" + shown : "/");
      })
      .catch(function () { /* the form still works without the script */ });
  }
  function soon() { clearTimeout(timer); timer = setTimeout(search, 250); }
  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); search(); });
})();
