/* The national site (docs/ulusal-site.md): its 404 page sends /<slug>/<path> on to
   the municipality's own site, and its search page searches either the whole
   country (the combined index at pagefind/) or a scope in the address
   (?il=hatay, ?belediye=defne&belediye=ilgin) by merging those sites' own indexes. */
(function () {
  "use strict";
  var root = new URL("../", document.currentScript.src);
  var PAGE = 10;

  function registry() {
    return fetch(new URL("belediyeler.json", root)).then(function (response) { return response.json(); });
  }

  function text(tag, content, className) {
    var element = document.createElement(tag);
    element.textContent = content;
    if (className) element.className = className;
    return element;
  }

  function redirect(box) {
    if (location.pathname.indexOf(root.pathname) !== 0) return;
    var rest = location.pathname.slice(root.pathname.length);
    var slug = rest.split("/")[0];
    registry().then(function (data) {
      var site = data.belediyeler.filter(function (b) { return b.slug === slug; })[0];
      if (!site) return;
      var target = site.adres + rest + location.search + location.hash;
      var link = text("a", target);
      link.href = target;
      box.textContent = site.ad + " sitesine yönlendiriliyorsunuz: ";
      box.appendChild(link);
      box.hidden = false;
      location.replace(target);
    });
  }

  /* An excerpt as Pagefind gives it: the page's text with <mark> around matches. Only the marks become markup. */
  function excerpt(html) {
    var p = document.createElement("p");
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var marked = /^<mark>(.*)<\/mark>$/.exec(part);
      var plain = document.createElement("textarea");
      plain.innerHTML = marked ? marked[1] : part;  /* decode entities without parsing markup */
      p.appendChild(marked ? text("mark", plain.value) : document.createTextNode(plain.value));
    });
    return p;
  }

  /* The sites whose index answers now (a site down would stall Pagefind), each asked once, in parallel. */
  function answering(sites) {
    return Promise.all(sites.map(function (site) {
      var controller = new AbortController();
      setTimeout(function () { controller.abort(); }, 8000);
      return fetch(site.adres + "pagefind/pagefind-entry.json", { signal: controller.signal })
        .then(function (response) { return response.ok ? site : null; }, function () { return null; });
    })).then(function (found) { return found.filter(Boolean); });
  }

  /* The first site's index is the primary one; the others are merged into it. */
  async function scopedEngine(pagefind, sites) {
    if (!sites.length) return null;
    var engine = pagefind.createInstance({ basePath: sites[0].adres + "pagefind/" });
    for (var i = 1; i < sites.length; i++) await engine.mergeIndex(sites[i].adres + "pagefind/");
    return engine;
  }

  function siteOf(url, sites) {
    return sites.filter(function (b) { return url.indexOf(b.adres) === 0; })[0];
  }

  async function search(form) {
    var params = new URLSearchParams(location.search);
    var query = (params.get("q") || "").trim();
    var provinces = params.getAll("il");
    var chosen = params.getAll("belediye");
    var input = form.querySelector("input[name=q]");
    input.value = query;
    provinces.concat(chosen).forEach(function (value, index) {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = index < provinces.length ? "il" : "belediye";
      hidden.value = value;
      form.appendChild(hidden);
    });
    var data = await registry();
    var scoped = provinces.length + chosen.length > 0;
    var scope = data.belediyeler.filter(function (b) {
      return !scoped || provinces.indexOf(b.il_slug) >= 0 || chosen.indexOf(b.slug) >= 0;
    });
    var usable = scope.filter(function (b) { return b.arama; });
    var kapsam = document.getElementById("sf-ulusal-kapsam");
    var status = document.getElementById("sf-ulusal-durum");
    if (scoped) {
      kapsam.textContent = "Kapsam: " + scope.map(function (b) { return b.ad + " (" + b.il + ")"; }).join(", ") + ".";
      var left = scope.filter(function (b) { return !b.arama; });
      if (left.length) kapsam.textContent += " Şu an aranamayan: " + left.map(function (b) { return b.ad; }).join(", ") + " (son denetimde yanıt vermedi ya da dizini birleştirilemiyor).";
      if (!scope.length) kapsam.textContent = "Adresteki il ya da belediye kayıtlı değil.";
    } else {
      kapsam.textContent = "Kapsam: bütün belediyeler (" + scope.length + "), her gece güncellenen ortak dizinden.";
    }
    if (!query) return;
    status.textContent = "“" + query + "” aranıyor…";
    var pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    var engine = pagefind;
    if (scoped) {
      var live = await answering(usable);
      var silent = usable.filter(function (b) { return live.indexOf(b) < 0; });
      if (silent.length) kapsam.textContent += " Şu an yanıt vermeyen: " + silent.map(function (b) { return b.ad; }).join(", ") + ".";
      engine = await scopedEngine(pagefind, live);
    } else {
      await pagefind.options({});
    }
    var results = engine ? (await engine.search(window.seffafFold ? window.seffafFold(query) : query)).results : [];
    status.textContent = results.length ? "“" + query + "” için " + results.length + " sonuç" : "“" + query + "” için sonuç bulunamadı";
    document.body.dataset.ulusalSonuc = String(results.length);
    var list = document.getElementById("sf-ulusal-sonuclar");
    var more = document.getElementById("sf-ulusal-daha");
    var shown = 0;
    async function show() {
      var page = await Promise.all(results.slice(shown, shown + PAGE).map(function (r) { return r.data(); }));
      page.forEach(function (found) {
        var item = document.createElement("li");
        var link = text("a", found.meta.title || found.url);
        link.href = found.url;
        item.appendChild(link);
        var site = siteOf(found.url, data.belediyeler);
        if (site) item.appendChild(text("span", site.ad + " · " + site.il, "sf-national-results__site"));
        item.appendChild(excerpt(found.excerpt));
        list.appendChild(item);
      });
      shown += page.length;
      more.hidden = shown >= results.length;
    }
    more.addEventListener("click", show);
    await show();
  }

  function start() {
    var box = document.getElementById("sf-yonlendirme");
    if (box) redirect(box);
    var form = document.getElementById("sf-ulusal-form");
    if (form) search(form).catch(function (error) {
      document.getElementById("sf-ulusal-durum").textContent = "Arama yapılamadı: " + error;
      document.body.dataset.ulusalHata = String(error);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
