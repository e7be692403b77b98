/* mkdocs-postings: close postings in the browser once their deadline passes.
   The build renders each posting's state at build time; this script keeps it true between
   builds: past the deadline (data-deadline, UTC; data-ages-out for a posting without one,
   which closes by its age) it shows the closed notice, takes the link off every Apply
   button and moves cards to past openings. It also keeps countdowns current.
   No dependencies; without JavaScript the build-time state stands. */
(function () {
  "use strict";

  var DAY = 86400000;

  function localDay(ms) {
    var d = new Date(ms);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  }

  function relative(days, lang) {
    if (window.Intl && Intl.RelativeTimeFormat) {
      return new Intl.RelativeTimeFormat(lang, { numeric: "auto" }).format(days, "day");
    }
    return days === 0 ? "today" : "in " + days + " days";
  }

  function disableApply(root) {
    root.querySelectorAll("a.postings-apply").forEach(function (link) {
      link.removeAttribute("href");
      link.removeAttribute("rel");
      link.setAttribute("aria-disabled", "true");
      link.setAttribute("role", "link");
    });
  }

  function closePosting(root) {
    root.setAttribute("data-status", "closed");
    root.querySelectorAll(".postings-notice").forEach(function (notice) {
      notice.hidden = notice.getAttribute("data-status") !== "closed";
    });
    root.querySelectorAll(".postings-countdown").forEach(function (span) {
      span.textContent = span.getAttribute("data-closed-label") || span.textContent;
    });
    disableApply(root);
  }

  function closeCard(card) {
    card.setAttribute("data-status", "closed");
    disableApply(card);
    var badge = card.querySelector(".postings-countdown");
    if (badge) badge.textContent = badge.getAttribute("data-closed-label") || badge.textContent;
    var listing = card.closest(".postings-listing");
    if (!listing) return;
    var policy = listing.getAttribute("data-closed");
    if (policy === "hide") {
      card.classList.add("postings-card--gone");
      card.hidden = true;
    } else if (policy === "archive") {
      var past = listing.querySelector(".postings-past");
      var pastCards = past && past.querySelector(".postings-cards");
      if (pastCards) {
        pastCards.insertBefore(card, pastCards.firstChild);
        past.hidden = false;
      }
    }
    var main = listing.querySelector(".postings-cards--open");
    var empty = listing.querySelector(".postings-empty");
    if (main && empty && !main.querySelector(".postings-card:not([hidden])")) {
      empty.hidden = false;
    }
  }

  function countdown(el, now, lang) {
    var template = el.getAttribute("data-template");
    var deadline = Date.parse(el.getAttribute("data-deadline"));
    if (!template || isNaN(deadline)) return;
    var days = Math.round((localDay(deadline) - localDay(now)) / DAY);
    el.textContent = template.replace("{relative}", relative(days, lang));
  }

  function update() {
    var now = Date.now();
    var lang = document.documentElement.lang || "en";
    document.querySelectorAll(
      ".postings-posting[data-deadline], .postings-card[data-deadline], " +
      ".postings-posting[data-ages-out], .postings-card[data-ages-out]"
    ).forEach(function (el) {
        var status = el.getAttribute("data-status");
        if (status !== "open" && status !== "closing-soon") return;
        /* A posting without a deadline closes when it ages out (data-ages-out, UTC). */
        var deadline = Date.parse(
          el.getAttribute("data-deadline") || el.getAttribute("data-ages-out"));
        if (isNaN(deadline)) return;
        if (now > deadline) {
          if (el.classList.contains("postings-card")) closeCard(el);
          else closePosting(el);
        } else {
          el.querySelectorAll(".postings-countdown[data-template]").forEach(function (span) {
            countdown(span, now, lang);
          });
        }
      });
  }

  /* Filter chips: narrow the cards by type and tag; the state lives in the query string
     (?type=phd&tag=nlp) so a filtered view can be shared and Back restores the last one. */
  function readFilters() {
    var params = new URLSearchParams(window.location.search);
    return {
      type: params.get("type") || "",
      tag: params.get("tag") || "",
      source: params.get("source") || ""
    };
  }

  function applyFilters(listing, state) {
    listing.querySelectorAll(".postings-filter-group").forEach(function (group) {
      var name = group.getAttribute("data-filter");
      group.querySelectorAll(".postings-chip").forEach(function (chip) {
        chip.setAttribute("aria-pressed", String(chip.getAttribute("data-value") === state[name]));
      });
    });
    listing.querySelectorAll(".postings-card").forEach(function (card) {
      var tags = (card.getAttribute("data-tags") || "").split(" ");
      // A page offering several kinds of position lists them all: data-type="phd postdoc".
      var types = (card.getAttribute("data-type") || "").split(" ");
      var match = (!state.type || types.indexOf(state.type) !== -1) &&
        (!state.tag || tags.indexOf(state.tag) !== -1) &&
        (!state.source || card.getAttribute("data-source") === state.source);
      card.classList.toggle("postings-card--filtered", !match);
      card.hidden = !match || card.classList.contains("postings-card--gone");
    });
  }

  function setupFilters(listing) {
    var bar = listing.querySelector(".postings-filters");
    if (!bar || bar.getAttribute("data-ready")) return;
    bar.setAttribute("data-ready", "true");
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var chip = event.target.closest(".postings-chip");
      if (!chip) return;
      var state = readFilters();
      state[chip.closest(".postings-filter-group").getAttribute("data-filter")] =
        chip.getAttribute("data-value");
      var params = new URLSearchParams(window.location.search);
      ["type", "tag", "source"].forEach(function (key) {
        if (state[key]) params.set(key, state[key]); else params.delete(key);
      });
      var query = params.toString();
      window.history.pushState(state, "", window.location.pathname + (query ? "?" + query : "") +
        window.location.hash);
      applyFilters(listing, state);
    });
    applyFilters(listing, readFilters());
  }

  function setupListings() {
    document.querySelectorAll(".postings-listing").forEach(setupFilters);
  }

  window.addEventListener("popstate", function () {
    document.querySelectorAll(".postings-listing").forEach(function (listing) {
      if (listing.querySelector(".postings-filters")) applyFilters(listing, readFilters());
    });
  });

  function start() {
    update();
    setupListings();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
