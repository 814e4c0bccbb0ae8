/* reportsite: the search page. Runs Pagefind's index (built at build time) in the
 * browser and lists results with title, year and publisher. Needs no server. */
(function () {
  "use strict";
  var form = document.querySelector("[data-search-page]");
  var results = document.querySelector("[data-search-results]");
  if (!form || !results) { return; }
  var input = form.querySelector("input[name=q]");
  /* import() resolves against this script, so make the bundle URL absolute from the page */
  var bundle = new URL(form.getAttribute("data-pagefind"), document.baseURI).href;
  var siteRoot = form.getAttribute("data-pagefind").replace(/pagefind\/pagefind\.js$/, "");
  var loading = null;

  function pagefind() {
    if (!loading) {
      /* baseUrl "/" makes result URLs relative to the site root, which href() then resolves from
       * this page, so links work wherever the site is hosted (Pagefind's default prefixes the path
       * of pagefind.js, and links then pointed at /badou/badou/…). An excerpt of 60 words is 60
       * characters of Chinese, as every character is a word in this index. */
      loading = import(bundle).then(function (module) {
        return Promise.resolve(module.options({ baseUrl: "/", excerptLength: 60 }))
          .then(function () { return module.init && module.init(); })
          .then(function () { return module; });
      });
    }
    return loading;
  }

  /* The index holds every Han character as a word of its own (see reportsite/renderers/search.py:
   * the same ranges as HAN there), so a query is looked up as the exact phrase of its characters,
   * one phrase per space-separated term, and what Pagefind returns is joined up again to be shown. */
  var HAN_RANGE = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3ffff}";
  var HAN = new RegExp("([" + HAN_RANGE + "])", "gu");
  /* \u0001 and \u0002 stand for the start and end of a mark while an excerpt is joined (see excerpt) */
  var SPACE_BY_HAN = new RegExp("([" + HAN_RANGE + "][\\u0001\\u0002]*)\\s+|\\s+(?=[\\u0001\\u0002]*[" + HAN_RANGE + "])", "gu");
  /* Pagefind ends a heading or paragraph with "." where it has no full stop: in Chinese that is 。 */
  var DOT_AFTER_HAN = new RegExp("([" + HAN_RANGE + "][\\u0001\\u0002]*)\\.(?=[\\s\\u0001\\u0002" + HAN_RANGE + "]|$)", "gu");

  function phrases(query) {
    return query.split(/\s+/).filter(Boolean).map(function (term) {
      return "\"" + term.replace(HAN, " $1 ").replace(/\s+/g, " ").trim() + "\"";
    });
  }

  function joined(text) {
    return text.replace(DOT_AFTER_HAN, "$1。").replace(SPACE_BY_HAN, "$1").replace(/\s+/g, " ").trim();
  }

  /* Excerpts come back as HTML with a <mark> on each matched character; keep only their text, join
   * the characters, and mark each run of matched characters once. */
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var flat = "";
    Array.prototype.forEach.call(template.content.childNodes, function (node) {
      flat += node.nodeName === "MARK" ? "\u0001" + node.textContent + "\u0002" : node.textContent || "";
    });
    var out = document.createElement("p");
    out.className = "search-results__excerpt";
    joined(flat).replace(/\u0002\u0001/g, "").split(/(\u0001[^\u0002]*\u0002?)/).forEach(function (part) {
      if (part.charAt(0) === "\u0001") {
        var mark = document.createElement("mark");
        mark.textContent = part.replace(/[\u0001\u0002]/g, "");
        out.appendChild(mark);
      } else if (part) { out.appendChild(document.createTextNode(part)); }
    });
    return out;
  }

  /* Reports holding every term, best first by their scores added up. */
  function searchAll(module, query) {
    return Promise.all(phrases(query).map(function (phrase) { return module.search(phrase); }))
      .then(function (searches) {
        var scores = {};
        searches.forEach(function (found) {
          found.results.forEach(function (r) { scores[r.id] = (scores[r.id] || 0) + r.score; });
        });
        return searches[0].results.filter(function (r) {
          return searches.every(function (found) {
            return found.results.some(function (other) { return other.id === r.id; });
          });
        }).sort(function (a, b) { return scores[b.id] - scores[a.id]; });
      });
  }

  function href(url) {
    var path = url.replace(/^\//, "");
    return siteRoot + path + (path === "" || /\/$/.test(path) ? "index.html" : "");
  }

  function show(items, query, total) {
    results.textContent = "";
    var summary = document.createElement("p");
    summary.className = "search-results__summary";
    summary.textContent = items.length ? "“" + query + "”共找到 " + total + " 条结果" +
      (total > items.length ? "，以下是最相关的 " + items.length + " 条。" : "。") : "没有找到与“" + query + "”相关的报告。";
    results.appendChild(summary);
    if (!items.length) { return; }
    var list = document.createElement("ol");
    list.className = "search-results__list";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = href(item.url);
      link.textContent = joined(item.meta.title || item.url);
      var meta = document.createElement("p");
      meta.className = "search-results__meta";
      meta.textContent = [item.meta.year ? item.meta.year + "年" : "", joined(item.meta.publisher || "")].filter(Boolean).join(" · ");
      li.appendChild(link);
      li.appendChild(meta);
      li.appendChild(excerpt(item.excerpt || ""));
      list.appendChild(li);
    });
    results.appendChild(list);
  }

  function run(query) {
    query = query.trim();
    if (!query) { results.textContent = ""; return; }
    results.textContent = "正在检索……";
    pagefind()
      .then(function (module) { return searchAll(module, query); })
      .then(function (found) {
        return Promise.all(found.slice(0, 30).map(function (r) { return r.data(); }))
          .then(function (items) { show(items, query, found.length); });
      })
      .catch(function () { results.textContent = "检索暂时不可用。请通过网站服务器访问本页，或使用信息公开目录。"; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value;
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    }
    run(query);
  });
  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  if (initial) { run(initial); }
}());
