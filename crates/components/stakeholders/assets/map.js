// The resource map: turns the page's list of places into a Leaflet map. Progressive
// enhancement only — without this script (or without tiles) every place is still listed.
// ES5, no build step. Everything it needs comes from data-* attributes and the GeoJSON;
// text from the server is only ever set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var L = window.L;
  var container = document.getElementById("map");
  var panel = document.getElementById("map-panel");
  if (!container || !panel || !L || !window.XMLHttpRequest) return;

  var form = document.getElementById("map-filters");
  var status = document.getElementById("map-status");
  var tilesFailed = false;
  var shown = null;
  var loadFailed = false;
  var geojsonRequests = 0;
  var listRequests = 0;

  function data(name) {
    return container.getAttribute("data-" + name) || "";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Only links to this site's own pages (a path), never anything a string could smuggle in.
  function localPath(url) {
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" &&
      url.charAt(1) !== "\\" ? url : null;
  }

  function link(text, href, external) {
    var a = element("a", "", text);
    a.href = href;
    if (external) a.rel = "nofollow noopener";
    return a;
  }

  function say() {
    if (!status) return;
    var parts = [];
    if (loadFailed) parts.push(data("label-failed"));
    else if (shown === 0) parts.push(data("label-none"));
    else if (shown !== null) parts.push(data("label-shown") + " " + shown + ".");
    if (tilesFailed) parts.push(data("label-no-tiles"));
    status.textContent = parts.join(" ");
  }

  panel.hidden = false;
  var map = L.map(container, {
    zoomControl: false,
    attributionControl: false,
    worldCopyJump: true
  });
  L.control.zoom({
    zoomInTitle: data("label-zoom-in"),
    zoomOutTitle: data("label-zoom-out")
  }).addTo(map);

  // The attribution, built with DOM methods: the configured text is never parsed as HTML.
  var Attribution = L.Control.extend({
    options: { position: "bottomright" },
    onAdd: function () {
      var box = element("div", "leaflet-control-attribution leaflet-control");
      var text = data("attribution");
      if (text) {
        var url = data("attribution-url");
        box.appendChild(/^https:\/\//.test(url) ? link(text, url, true) : document.createTextNode(text));
        box.appendChild(document.createTextNode(" | "));
      }
      box.appendChild(link("Leaflet", localPath(data("licence")) || "#"));
      box.appendChild(document.createTextNode(", "));
      box.appendChild(link("Leaflet.markercluster", localPath(data("cluster-licence")) || "#"));
      L.DomEvent.disableClickPropagation(box);
      return box;
    }
  });
  new Attribution().addTo(map);

  var tileUrl = data("tiles");
  if (tileUrl) {
    var tiles = L.tileLayer(tileUrl, { maxZoom: 19 });
    // Markers, clusters and filters never depend on tiles; say so once when they fail.
    tiles.on("tileerror", function () {
      if (tilesFailed) return;
      tilesFailed = true;
      L.DomUtil.addClass(container, "map-no-tiles");
      say();
    });
    tiles.addTo(map);
  } else {
    L.DomUtil.addClass(container, "map-no-tiles");
  }
  map.setView([20, 0], 2);

  map.on("popupopen", function (event) {
    var root = event.popup.getElement();
    var close = root && root.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", data("label-close"));
  });

  function typeLabel(type) {
    return data("label-" + type) || type;
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var inner = element("div");
    inner.appendChild(element("span", "", String(count)));
    inner.appendChild(element("span", "map-visually-hidden", " " + data("label-places")));
    return L.divIcon({
      html: inner,
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40)
    });
  }

  var layer = typeof L.markerClusterGroup === "function" ?
    L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      iconCreateFunction: clusterIcon
    }) : L.featureGroup();
  map.addLayer(layer);

  // One icon per type; `type` is one of three fixed words, never data.
  var icons = {};
  function icon(type) {
    if (!icons[type]) {
      icons[type] = L.divIcon({
        html: "<span class=\"map-marker map-marker-" + type + "\"></span>",
        className: "map-pin",
        iconSize: L.point(22, 22),
        iconAnchor: L.point(11, 11),
        popupAnchor: L.point(0, -10)
      });
    }
    return icons[type];
  }

  function popup(p) {
    var box = element("div", "map-popup");
    var title = element("p", "map-popup-title");
    var href = localPath(p.url);
    title.appendChild(href ? link(p.title || "", href) : document.createTextNode(p.title || ""));
    box.appendChild(title);
    box.appendChild(element("p", "map-popup-kind", typeLabel(p.type) + (p.label ? " · " + p.label : "")));
    if (p.organization) {
      var org = element("p");
      var orgHref = localPath(p.organization_url);
      org.appendChild(orgHref ? link(p.organization, orgHref) : document.createTextNode(p.organization));
      if (p.detail) org.appendChild(document.createTextNode(" · " + p.detail));
      box.appendChild(org);
    }
    if (p.address) box.appendChild(element("p", "", p.address));
    if (typeof p.website === "string" && /^https?:\/\//i.test(p.website)) {
      var site = element("p");
      site.appendChild(link(p.website, p.website, true));
      box.appendChild(site);
    }
    if (p.contacts && p.contacts.length) {
      box.appendChild(element("p", "map-popup-heading", data("label-contacts")));
      var list = element("ul", "map-contacts");
      for (var i = 0; i < p.contacts.length; i++) {
        var c = p.contacts[i];
        var item = element("li", "", (c.person || "") + (c.role ? ", " + c.role : ""));
        if (c.email) {
          item.appendChild(element("br"));
          item.appendChild(link(c.email, "mailto:" + c.email));
        }
        if (c.phone) {
          item.appendChild(element("br"));
          item.appendChild(link(c.phone, "tel:" + String(c.phone).replace(/[^0-9+]/g, "")));
        }
        list.appendChild(item);
      }
      box.appendChild(list);
    }
    return box;
  }

  function marker(feature) {
    var geometry = feature && feature.geometry;
    var c = geometry && geometry.type === "Point" && geometry.coordinates;
    if (!c || typeof c[0] !== "number" || typeof c[1] !== "number") return null;
    var p = feature.properties || {};
    // GeoJSON is [longitude, latitude]; Leaflet wants [latitude, longitude].
    var m = L.marker([c[1], c[0]], {
      icon: icon(p.type === "resource" || p.type === "need" ? p.type : "organization"),
      title: (p.title || "") + " (" + typeLabel(p.type) + ")",
      riseOnHover: true
    });
    m.bindPopup(function () { return popup(p); }, { maxWidth: 300 });
    return m;
  }

  function show(collection) {
    var features = (collection && collection.features) || [];
    var markers = [];
    var points = [];
    for (var i = 0; i < features.length; i++) {
      var m = marker(features[i]);
      if (m) {
        markers.push(m);
        points.push(m.getLatLng());
      }
    }
    layer.clearLayers();
    if (layer.addLayers) layer.addLayers(markers);
    else for (var j = 0; j < markers.length; j++) layer.addLayer(markers[j]);
    if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 16 });
    shown = markers.length;
    loadFailed = false;
    say();
  }

  function fail() {
    loadFailed = true;
    say();
  }

  function filters() {
    var parts = [];
    if (!form) return "";
    var fields = form.querySelectorAll("select[name]");
    for (var i = 0; i < fields.length; i++) {
      parts.push(encodeURIComponent(fields[i].name) + "=" + encodeURIComponent(fields[i].value));
    }
    return parts.join("&");
  }

  function loadPlaces(query) {
    var mine = ++geojsonRequests;
    var xhr = new XMLHttpRequest();
    xhr.open("GET", data("geojson") + (query ? "?" + query : ""));
    xhr.setRequestHeader("Accept", "application/geo+json");
    xhr.onload = function () {
      if (mine !== geojsonRequests) return;
      if (xhr.status !== 200) return fail();
      var collection;
      try {
        collection = JSON.parse(xhr.responseText);
      } catch (e) {
        return fail();
      }
      show(collection);
    };
    xhr.onerror = function () {
      if (mine === geojsonRequests) fail();
    };
    xhr.send();
  }

  // The list below the map is the server's: fetch the page for the new filters and swap it in.
  function loadList(url) {
    var mine = ++listRequests;
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.responseType = "document";
    xhr.onload = function () {
      if (mine !== listRequests || xhr.status !== 200 || !xhr.response) return;
      var fresh = xhr.response.getElementById("map-list");
      var current = document.getElementById("map-list");
      if (fresh && current) current.parentNode.replaceChild(document.importNode(fresh, true), current);
    };
    xhr.send();
  }

  function refresh() {
    var query = filters();
    var url = form.getAttribute("action") + (query ? "?" + query : "");
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", url);
    var next = document.querySelector(".language-picker input[name=next]");
    if (next) next.value = url;
    loadPlaces(query);
    loadList(url);
  }

  if (form) {
    var selects = form.querySelectorAll("select[name]");
    for (var i = 0; i < selects.length; i++) selects[i].addEventListener("change", refresh);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      refresh();
    });
  }
  loadPlaces(filters());
})();
