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
      loading = import(bundle).then(function (module) {
        return Promise.resolve(module.init && module.init()).then(function () { return module; });
      });
    }
    return loading;
  }

  /* Excerpts come back as HTML with <mark>; keep only their text and the marks. */
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = document.createElement("p");
    out.className = "search-results__excerpt";
    Array.prototype.forEach.call(template.content.childNodes, function (node) {
      if (node.nodeType === 3) { out.appendChild(document.createTextNode(node.textContent)); }
      else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else { out.appendChild(document.createTextNode(node.textContent || "")); }
    });
    return out;
  }

  function href(url) {
    var path = url.replace(/^\//, "");
    return siteRoot + path + (path === "" || /\/$/.test(path) ? "index.html" : "");
  }

  function show(items, query) {
    results.textContent = "";
    var summary = document.createElement("p");
    summary.className = "search-results__summary";
    summary.textContent = items.length ? "“" + query + "”共找到 " + items.length + " 条结果。" : "没有找到与“" + query + "”相关的报告。";
    results.appendChild(summary);
    if (!items.length) { return; }
    var list = document.createElement("ol");
    list.className = "search-results__list";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = href(item.url);
      link.textContent = item.meta.title || item.url;
      var meta = document.createElement("p");
      meta.className = "search-results__meta";
      meta.textContent = [item.meta.year ? item.meta.year + "年" : "", item.meta.publisher || ""].filter(Boolean).join(" · ");
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
      .then(function (module) { return module.search(query); })
      .then(function (found) {
        return Promise.all(found.results.slice(0, 30).map(function (r) { return r.data(); }));
      })
      .then(function (items) { show(items, query); })
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
