/* reportsite: 字号 switch and 打印 button.
 * Loaded in <head> so the stored text size applies before the first paint;
 * the controls are wired once the document is parsed. Without JavaScript the
 * controls stay hidden and browser zoom still works. */
(function () {
  "use strict";
  var KEY = "reportsite:fontsize";
  var SIZES = ["small", "medium", "large"];
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(size) {
    try { window.localStorage.setItem(KEY, size); } catch (e) { /* private mode: size lasts for this page */ }
  }
  function apply(size) {
    if (SIZES.indexOf(size) < 0) { size = "medium"; }
    root.setAttribute("data-fontsize", size);
    return size;
  }

  apply(stored());

  function wire() {
    var buttons = document.querySelectorAll("[data-size]");
    function show(size) {
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-size") === size));
      }
    }
    show(root.getAttribute("data-fontsize"));
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (event) {
        var size = apply(event.currentTarget.getAttribute("data-size"));
        remember(size);
        show(size);
      });
    }
    var printers = document.querySelectorAll("[data-action='print']");
    for (var j = 0; j < printers.length; j++) {
      printers[j].addEventListener("click", function () { window.print(); });
    }
    var tools = document.querySelectorAll("[data-tools]");
    for (var k = 0; k < tools.length; k++) { tools[k].hidden = false; }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
}());
