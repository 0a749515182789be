/* seffaf search page: Pagefind's UI, with the query folded the way the index was (ı/İ → i). */
(function () {
  "use strict";
  function fold(term) {
    return term.replace(/[İIı]/g, "i").toLocaleLowerCase("tr");
  }
  function start() {
    var box = document.getElementById("sf-search");
    if (!box || typeof PagefindUI === "undefined") return;
    var ui = new PagefindUI({
      element: "#sf-search",
      showSubResults: true,
      showImages: false,
      processTerm: fold,
      translations: {
        placeholder: "Hedef, gösterge, faaliyet ya da birim arayın",
        zero_results: "[SEARCH_TERM] için sonuç bulunamadı",
        many_results: "[SEARCH_TERM] için [COUNT] sonuç",
        one_result: "[SEARCH_TERM] için 1 sonuç",
        clear_search: "Temizle",
        load_more: "Daha fazla sonuç",
        filters_label: "Süzgeçler",
        search_label: "Sitede ara"
      }
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
