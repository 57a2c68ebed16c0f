// The upload page: drop or pick several files, send them in one request, then ask after
// each one until the watcher has registered it or set it aside. No inline script: the
// page's Content-Security-Policy allows only scripts served from here.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  var zone = document.getElementById("drop-zone");
  var picker = document.getElementById("files");
  var list = document.getElementById("upload-results");
  var csrf = form.querySelector("input[name=csrf_token]").value;
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

  function send(files) {
    if (!files || !files.length) { return; }
    var data = new FormData();
    var items = [];
    for (var i = 0; i < files.length; i++) {
      data.append("files", files[i], files[i].name);
      items.push(row(files[i].name));
    }
    data.append("direction", form.querySelector("[name=direction]").value);
    if (form.querySelector("[name=minutes]").checked) { data.append("minutes", "1"); }
    fetch("/upload", {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (answer) {
      answer.files.forEach(function (file, index) {
        var item = items[index] || row(file.file);
        show(item, file);
        if (file.ticket) { follow(item, file.ticket, 700); }
      });
    }).catch(function (error) {
      items.forEach(function (item) {
        show(item, { status: "refused", status_fa: "ارسال نشد",
                     reason: { fa: "ارسال ممکن نشد (" + fa(error.message) + ")؛ دوباره تلاش کنید." } });
      });
    });
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
