/* reportsite serve: live reload, and an overlay with the build's errors.
 * Only preview builds (`build.py serve`) load this file. The page stays the
 * last good build; the overlay says which file and line to fix. */
(function () {
  "use strict";
  var script = document.currentScript;
  var status = new URL(script.getAttribute("data-status"), document.baseURI).href;
  var reload = document.createElement("script");
  reload.src = "/livereload.js?port=" + (window.location.port || 80);
  document.head.appendChild(reload);

  /* status.json's title is in serve's language; this one is for a status.json without it. */
  var TITLE = "内容有错误，页面仍显示上一次成功生成的版本；请按下面列出的文件和行号改正并保存，页面会自动刷新";

  function overlay(errors, heading) {
    var old = document.getElementById("reportsite-errors");
    if (old) { old.parentNode.removeChild(old); }
    if (!errors.length) { return; }
    var box = document.createElement("div");
    box.id = "reportsite-errors";
    box.className = "preview-errors";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "reportsite-errors-title");
    var title = document.createElement("h2");
    title.id = "reportsite-errors-title";
    title.textContent = heading || TITLE;
    var list = document.createElement("ul");
    errors.forEach(function (error) {
      var item = document.createElement("li");
      item.textContent = error.text;
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }

  function check() {
    window.fetch(status, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : { errors: [] }; })
      .then(function (data) { overlay(data.errors || [], data.title); })
      .catch(function () { /* server restarting: try again on the next tick */ });
  }
  check();
  window.setInterval(check, 1500);
}());
