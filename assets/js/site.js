/* reportsite: 字号, 关怀模式, 打印 and 朗读.
 * Loaded in <head> so stored preferences apply before the first paint; the
 * controls are wired once the document is parsed. Without JavaScript every
 * control stays hidden, and browser zoom still works. */
(function () {
  "use strict";
  var root = document.documentElement;
  /* Each preference is an attribute on <html> that the stylesheet reads. */
  var PREFS = {
    fontsize: { key: "reportsite:fontsize", values: ["small", "medium", "large"], fallback: "medium" },
    care: { key: "reportsite:care", values: ["off", "on"], fallback: "off" }
  };

  function load(name) {
    try { return window.localStorage.getItem(PREFS[name].key); } catch (e) { return null; }
  }
  function save(name, value) {
    try { window.localStorage.setItem(PREFS[name].key, value); } catch (e) { /* private mode: lasts for this page */ }
  }
  function apply(name, value) {
    var pref = PREFS[name];
    if (pref.values.indexOf(value) < 0) { value = pref.fallback; }
    root.setAttribute("data-" + name, value);
    return value;
  }
  apply("fontsize", load("fontsize"));
  apply("care", load("care"));
  /* Said before the first paint, so the stylesheet shows the script's controls from the start
   * instead of the page jumping down when they appear (layout shift on phones). */
  root.setAttribute("data-js", "");
  if (window.speechSynthesis && typeof window.SpeechSynthesisUtterance === "function") {
    root.setAttribute("data-speech", "");
  }

  function each(selector, fn) {
    var nodes = document.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) { fn(nodes[i]); }
  }

  /* Buttons carry data-pref="name" and data-value="value"; aria-pressed mirrors the choice.
   * A button without data-value toggles an on/off preference. */
  function wirePreferences() {
    function show() {
      each("[data-pref]", function (button) {
        var name = button.getAttribute("data-pref");
        var want = button.getAttribute("data-value") || "on";
        button.setAttribute("aria-pressed", String(root.getAttribute("data-" + name) === want));
      });
    }
    each("[data-pref]", function (button) {
      button.addEventListener("click", function () {
        var name = button.getAttribute("data-pref");
        var value = button.getAttribute("data-value");
        if (!value) { value = root.getAttribute("data-" + name) === "on" ? "off" : "on"; }
        save(name, apply(name, value));
        show();
      });
    });
    show();
  }

  /* 朗读: read the title and body aloud, block by block, highlighting the block being read. */
  function wireReader() {
    var panel = document.querySelector("[data-reader]");
    if (!panel || !window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== "function") { return; }
    var synth = window.speechSynthesis;
    var start = panel.querySelector("[data-read='start']");
    var pause = panel.querySelector("[data-read='pause']");
    var stop = panel.querySelector("[data-read='stop']");
    var blocks = [];
    var index = -1;
    var session = 0;

    function mark(block) {
      each(".is-reading", function (node) { node.classList.remove("is-reading"); });
      if (block) {
        block.classList.add("is-reading");
        var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        block.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
      }
    }
    function controls(reading, paused) {
      start.hidden = reading;
      pause.hidden = stop.hidden = !reading;
      pause.textContent = paused ? "继续" : "暂停";
      pause.setAttribute("aria-pressed", String(paused));
    }
    function finish() {
      session += 1;
      index = -1;
      synth.cancel();
      mark(null);
      controls(false, false);
    }
    function speak(current) {
      index += 1;
      if (current !== session) { return; }
      if (index >= blocks.length) { finish(); return; }
      var block = blocks[index];
      var utterance = new window.SpeechSynthesisUtterance(block.textContent.replace(/\s+/g, " ").trim());
      utterance.lang = "zh-CN";
      utterance.onend = function () { speak(current); };
      mark(block);
      synth.speak(utterance);
    }
    start.addEventListener("click", function () {
      synth.cancel();
      session += 1;
      blocks = Array.prototype.slice.call(document.querySelectorAll("[data-read-source] > h1, " +
        "[data-read-body] > :is(h2, h3, h4, h5, h6, p, ul, ol, blockquote, .table-wrap)"));
      index = -1;
      controls(true, false);
      speak(session);
    });
    pause.addEventListener("click", function () {
      if (synth.paused) { synth.resume(); controls(true, false); } else { synth.pause(); controls(true, true); }
    });
    stop.addEventListener("click", finish);
    window.addEventListener("pagehide", function () { synth.cancel(); });
    controls(false, false);
  }

  /* Sortable tables: each column header holds a button, in the page from the start so the header
   * keeps its size when this runs; rows keep their order without JavaScript. */
  function wireSorting() {
    each("table[data-sortable]", function (table) {
      var headers = table.querySelectorAll("thead th");
      var body = table.tBodies[0];
      function key(row, column) {
        var cell = row.cells[column];
        return cell.getAttribute("data-sort-value") || cell.textContent.trim();
      }
      Array.prototype.forEach.call(headers, function (th, column) {
        var button = th.querySelector(".sort-button");
        if (!button) { return; }
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var order = key(a, column).localeCompare(key(b, column), "zh-CN");
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
          each("table[data-sortable] thead th", function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        });
      });
    });
  }

  function wire() {
    wirePreferences();
    wireSorting();
    each("[data-action='print']", function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    wireReader();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
}());
