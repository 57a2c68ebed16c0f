// The upload page: drop or pick several files, send them one request each (the server
// caps every request's body at one file's limit), then ask after each one until the
// watcher has registered it or set it aside. No inline script: the
// page's Content-Security-Policy allows only scripts served from here.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  var zone = document.getElementById("drop-zone");
  var picker = document.getElementById("files");
  var list = document.getElementById("upload-results");
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var maxBytes = +form.getAttribute("data-max-bytes") || 0;
  var digits = "۰۱۲۳۴۵۶۷۸۹";

  function fa(text) {
    return String(text == null ? "" : text).replace(/[0-9]/g, function (d) { return digits[+d]; });
  }

  function row(name) {
    var item = document.createElement("li");
    item.className = "upload-item waiting";
    var title = document.createElement("span");
    title.className = "upload-name";
    title.textContent = name;
    var state = document.createElement("span");
    state.className = "upload-state badge";
    state.textContent = "در حال ارسال…";
    var detail = document.createElement("div");
    detail.className = "upload-detail muted";
    item.appendChild(title);
    item.appendChild(state);
    item.appendChild(detail);
    list.insertBefore(item, list.firstChild);
    return item;
  }

  function show(item, answer) {
    var state = item.querySelector(".upload-state");
    var detail = item.querySelector(".upload-detail");
    item.className = "upload-item " + answer.status;
    state.textContent = answer.status_fa;
    detail.textContent = "";
    if (answer.registry_number) {
      var link = document.createElement("a");
      link.href = "/records/" + answer.id;
      link.className = "registry-number";
      link.textContent = fa(answer.registry_number);
      detail.appendChild(document.createTextNode(
        answer.status === "duplicate" ? "قبلاً ثبت شده با شماره " : "شماره ثبت "));
      detail.appendChild(link);
      if (answer.subject) { detail.appendChild(document.createTextNode(" — " + answer.subject)); }
    } else if (answer.status === "registered") {
      detail.textContent = "ثبت شد (بالاتر از سطح دسترسی شما)";
    }
    if (answer.reason && answer.status !== "duplicate") {
      var why = document.createElement("div");
      why.className = "upload-reason";
      why.textContent = answer.reason.fa;
      detail.appendChild(why);
    }
  }

  function follow(item, ticket, wait) {
    window.setTimeout(function () {
      fetch("/upload/status?ticket=" + encodeURIComponent(ticket), {
        headers: { "Accept": "application/json" }, credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (answer) {
        show(item, answer);
        if (answer.status === "waiting") { follow(item, ticket, Math.min(wait * 1.5, 5000)); }
      }).catch(function () { follow(item, ticket, 5000); });
    }, wait);
  }

  function refused(item, text) {
    show(item, { status: "refused", status_fa: "ارسال نشد", reason: { fa: text } });
  }

  function sendOne(file, item, direction, minutes) {
    if (maxBytes && file.size > maxBytes) {
      refused(item, "حجم فایل «" + file.name + "» بیش از حد مجاز (" +
              fa(Math.floor(maxBytes / 1048576)) + " مگابایت) است.");
      return Promise.resolve();
    }
    var data = new FormData();
    data.append("files", file, file.name);
    data.append("direction", direction);
    if (minutes) { data.append("minutes", "1"); }
    return fetch("/upload", {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) {  // the server's reason (413: too large; 403: the form expired)
        return response.json().catch(function () { return {}; }).then(function (body) {
          throw new Error(body.detail ? String(body.detail).split(" / ")[0] : fa(response.status));
        });
      }
      return response.json();
    }).then(function (answer) {
      var placed = answer.files[0];
      if (!placed) { refused(item, "فایل خالی یا بی‌نام است."); return; }
      show(item, placed);
      if (placed.ticket) { follow(item, placed.ticket, 700); }
    }).catch(function (error) {
      refused(item, "ارسال ممکن نشد: " + error.message);
    });
  }

  function send(files) {
    if (!files || !files.length) { return; }
    var direction = form.querySelector("[name=direction]").value;
    var minutes = form.querySelector("[name=minutes]").checked;
    var queue = [];
    for (var i = 0; i < files.length; i++) { queue.push([files[i], row(files[i].name)]); }
    // one after another, in the order dropped: the watcher registers them in that order
    queue.reduce(function (before, pair) {
      return before.then(function () { return sendOne(pair[0], pair[1], direction, minutes); });
    }, Promise.resolve());
  }

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.remove("over");
    });
  });
  zone.addEventListener("drop", function (event) { send(event.dataTransfer.files); });
  picker.addEventListener("change", function () { send(picker.files); picker.value = ""; });
  form.addEventListener("submit", function (event) { event.preventDefault(); send(picker.files); });
  form.classList.add("scripted");
})();
