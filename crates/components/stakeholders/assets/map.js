// The resource map: turns the page's list of places into a Leaflet map. Progressive
// enhancement only — without this script (or without tiles) every place is still listed.
// ES5, no build step. Everything it needs comes from data-* attributes and the GeoJSON;
// text from the server is only ever set with textContent, never parsed as HTML.
// The map starts on the box around the places (data-bounds) and asks the server for what it
// shows (bbox and zoom) after every move; where a viewport holds many places the server sends
// clusters (a count and a box to zoom to) instead of each place.
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
  var lastQuery = null;

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
  // "west,south,east,north" → Leaflet bounds, or null.
  function parseBounds(text) {
    var parts = String(text || "").split(",");
    var v = [];
    for (var i = 0; i < parts.length; i++) {
      if (!/^\s*-?[0-9.]+(e-?[0-9]+)?\s*$/i.test(parts[i])) return null;
      v.push(Number(parts[i]));
    }
    return v.length === 4 ? L.latLngBounds([v[1], v[0]], [v[3], v[2]]) : null;
  }

  function fit(text) {
    var bounds = parseBounds(text);
    if (bounds) map.fitBounds(bounds.pad(0.15), { maxZoom: 16, animate: false });
    else map.setView([20, 0], 2, { animate: false });
  }

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
  // The server's clusters: one marker each, drawn like the client's own clusters.
  var clusterLayer = L.layerGroup().addTo(map);

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

  // A cluster from the server: its count on the usual cluster icon; activating it zooms to
  // the box around its places (or two levels in, when they share one point).
  function serverCluster(feature) {
    var c = feature.geometry && feature.geometry.coordinates;
    var p = feature.properties || {};
    var count = typeof p.count === "number" ? p.count : 0;
    if (!c || typeof c[0] !== "number" || typeof c[1] !== "number" || count < 1) return null;
    var m = L.marker([c[1], c[0]], {
      icon: clusterIcon({ getChildCount: function () { return count; } }),
      title: count + " " + data("label-places"),
      keyboard: true
    });
    var b = feature.bbox;
    m.on("click", function () {
      var box = b && b.length === 4 ? L.latLngBounds([b[1], b[0]], [b[3], b[2]]) : null;
      if (box && !box.getSouthWest().equals(box.getNorthEast())) map.fitBounds(box.pad(0.1));
      else map.setView([c[1], c[0]], Math.min(map.getZoom() + 2, map.getMaxZoom() || 19));
    });
    m.count = count;
    return m;
  }

  function show(collection) {
    var features = (collection && collection.features) || [];
    var markers = [];
    var clusters = [];
    var total = 0;
    for (var i = 0; i < features.length; i++) {
      var f = features[i];
      var m = f && f.properties && f.properties.type === "cluster" ? serverCluster(f) : marker(f);
      if (!m) continue;
      if (m.count) {
        clusters.push(m);
        total += m.count;
      } else {
        markers.push(m);
        total += 1;
      }
    }
    layer.clearLayers();
    clusterLayer.clearLayers();
    if (layer.addLayers) layer.addLayers(markers);
    else for (var j = 0; j < markers.length; j++) layer.addLayer(markers[j]);
    for (var k = 0; k < clusters.length; k++) clusterLayer.addLayer(clusters[k]);
    shown = total;
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

  // What the map shows: the box in view (clamped to the world) and the zoom.
  function viewport() {
    var b = map.getBounds();
    function clamp(v, limit) { return Math.max(-limit, Math.min(limit, v)).toFixed(6); }
    return "bbox=" + [clamp(b.getWest(), 180), clamp(b.getSouth(), 90),
      clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].join(",") + "&zoom=" + map.getZoom();
  }

  // Asks for the places in view with the current filters, unless that was the last question.
  function loadPlaces() {
    var filter = filters();
    var query = (filter ? filter + "&" : "") + viewport();
    if (query === lastQuery) return;
    lastQuery = query;
    var mine = ++geojsonRequests;
    var xhr = new XMLHttpRequest();
    xhr.open("GET", data("geojson") + "?" + query);
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
      if (mine === geojsonRequests) {
        lastQuery = null;
        fail();
      }
    };
    xhr.send();
  }

  // The list below the map is the server's: fetch the page for the new filters and swap it in;
  // the map moves to the box around the places the new filters leave.
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
      var freshMap = xhr.response.getElementById("map");
      var bounds = freshMap && freshMap.getAttribute("data-bounds");
      if (bounds !== null && bounds !== data("bounds")) {
        container.setAttribute("data-bounds", bounds);
        fit(bounds);
        loadPlaces();
      }
    };
    xhr.send();
  }

  function refresh() {
    var query = filters();
    var url = form.getAttribute("action") + (query ? "?" + query : "");
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", url);
    var next = document.querySelector(".language-picker input[name=next]");
    if (next) next.value = url;
    loadPlaces();
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
  map.on("moveend", loadPlaces);
  fit(data("bounds"));
  loadPlaces();
})();
