// SymbiosisOptimizer app: sortable tables and the results map. Figures are read from the run's documents
// (flows.geojson, the page's tables) and only formatted here, never computed.
(function () {
  'use strict';

  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      th.classList.add('sort');
      th.addEventListener('click', function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var dir = th.getAttribute('data-dir') === 'asc' ? 'desc' : 'asc';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('data-dir'); });
        th.setAttribute('data-dir', dir);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          var vx = x && x.hasAttribute('data-value') ? parseFloat(x.getAttribute('data-value')) : null;
          var vy = y && y.hasAttribute('data-value') ? parseFloat(y.getAttribute('data-value')) : null;
          var c = (vx !== null && vy !== null) ? vx - vy : (x ? x.textContent : '').localeCompare(y ? y.textContent : '');
          return dir === 'asc' ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  var kindColours = {
    company: '#1565c0', municipality: '#2e7d32', utility: '#ef6c00', farm: '#6d4c41', household: '#8e24aa'
  };
  var fallback = ['#00838f', '#c62828', '#5d4037', '#455a64', '#ad1457'];

  function colour(kind, seen) {
    if (kindColours[kind]) { return kindColours[kind]; }
    if (!seen[kind]) { seen[kind] = fallback[Object.keys(seen).length % fallback.length]; }
    return seen[kind];
  }

  // The page's words for what the script writes (data-words, from the app's phrase table); English when absent.
  var words = {
    locale: 'en-US', quantity: 'Quantity', distance: 'Distance', by: 'by', annualBenefit: 'Annual benefit',
    co2Avoided: 'CO2e avoided', landfillAvoided: 'Landfill avoided', netBenefit: 'Net benefit', exchange: 'exchange',
    noScript: 'The map script did not load.', borders: 'Municipality borders: okfse/sweden-geojson (Valmyndigheten data)',
    estimating: 'estimating the time left...', underASecond: 'less than a second left', seconds: 'about {0:0} s left',
    minutes: 'about {0:0} min left', count: '{0} of {1}', waiting: 'waiting for the job before it', queued: 'queued',
    elapsed: '({0:0.0} s so far)', decimal: '.'
  };

  function readWords(el) {
    try {
      var given = JSON.parse(el.getAttribute('data-words') || '{}');
      Object.keys(given).forEach(function (k) { words[k] = given[k]; });
    } catch (e) { console.warn(e); }
  }

  // Fills {0}, {1:0.0}, ... of a phrase with already formatted figures.
  function fill(pattern) {
    var args = arguments;
    return pattern.replace(/\{(\d+)(:[^}]*)?\}/g, function (_, i) { return String(args[Number(i) + 1]); });
  }

  function fmt(v, decimals) {
    if (v === null || v === undefined || !isFinite(v)) { return '-'; }
    return Number(v).toLocaleString(words.locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }

  function text(s) {
    var d = document.createElement('div');
    d.textContent = s === null || s === undefined ? '' : String(s);
    return d.innerHTML;
  }

  function popup(p) {
    return '<strong>' + text(p.fromName) + ' &rarr; ' + text(p.toName) + '</strong><br>' +
      text(p.resourceName) + '<table class="popup">' +
      '<tr><td>' + text(words.quantity) + '</td><td>' + fmt(p.quantity, 0) + ' ' + text(p.unit) + '</td></tr>' +
      '<tr><td>' + text(words.distance) + '</td><td>' + fmt(p.distanceKm, 1) + ' km' + (p.modeName ? ' ' + text(words.by) + ' ' + text(p.modeName) : '') + '</td></tr>' +
      '<tr><td>' + text(words.annualBenefit) + '</td><td>' + fmt(p.annualBenefit, 0) + ' ' + text(p.annualBenefitUnit) + '</td></tr>' +
      '<tr><td>' + text(words.co2Avoided) + '</td><td>' + fmt(p.co2Avoided, 1) + ' ' + text(p.co2AvoidedUnit) + '</td></tr>' +
      '<tr><td>' + text(words.landfillAvoided) + '</td><td>' + fmt(p.landfillAvoided, 0) + ' ' + text(p.landfillAvoidedUnit) + '</td></tr>' +
      '</table><p>' + text(p.description) + '</p>';
  }

  function map(el) {
    readWords(el);
    if (typeof L === 'undefined') { el.textContent = words.noScript; return; }
    var m = L.map(el, { preferCanvas: false });
    m.setView([62, 15], 5);
    var get = function (url) { return fetch(url, { credentials: 'same-origin' }).then(function (r) { if (!r.ok) { throw new Error(url + ': ' + r.status); } return r.json(); }); };
    // Both files are fetched at once. The flows are drawn as soon as they arrive (then the page is interactive: every
    // line and marker answers a click); the borders go beneath them when they are drawn.
    var bordersFile = get(el.getAttribute('data-borders'));
    var flowsFile = get(el.getAttribute('data-flows'));
    var bordersDrawn = bordersFile.then(function (borders) {
      return flowsDrawn.catch(function () { return null; }).then(function () {
        L.geoJSON(borders, {
          attribution: text(words.borders),
          style: { className: 'border', color: '#9e9e9e', weight: 1, fillColor: '#f5f5f0', fillOpacity: 0.6 },
          onEachFeature: function (f, layer) { layer.bindTooltip(text(f.properties.name), { sticky: true }); }
        }).addTo(m).bringToBack();
      });
    }).catch(function (e) { console.warn(e); });
    var flowsDrawn = flowsFile.then(function (flows) {
      var features = flows.features || [];
      var exchanges = features.filter(function (f) { return f.properties.feature === 'exchange'; });
      var actors = features.filter(function (f) { return f.properties.feature === 'actor'; });
      // Line width shows the quantity, relative to the largest exchange of the same unit.
      var largest = {};
      exchanges.forEach(function (f) { var u = f.properties.unit; largest[u] = Math.max(largest[u] || 0, Math.abs(f.properties.quantity)); });
      var lines = L.featureGroup().addTo(m);
      exchanges.forEach(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        var share = largest[p.unit] > 0 ? Math.abs(p.quantity) / largest[p.unit] : 0;
        L.polyline([[c[0][1], c[0][0]], [c[1][1], c[1][0]]], {
          className: 'exchange-line', color: '#d84315', opacity: 0.8, weight: 2 + 10 * Math.sqrt(share)
        }).bindPopup(popup(p)).addTo(lines);
      });
      var seen = {}, kinds = {};
      var points = L.featureGroup().addTo(m);
      actors.forEach(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        kinds[p.kind] = colour(p.kind, seen);
        L.circleMarker([c[1], c[0]], {
          className: 'actor-marker', radius: 6, color: '#ffffff', weight: 1.5, fillColor: kinds[p.kind], fillOpacity: 0.95
        }).bindPopup('<strong>' + text(p.name) + '</strong><br>' + text(p.kind) + (p.municipality ? ', ' + text(p.municipality) : '') +
          '<br>' + text(words.netBenefit) + ' ' + fmt(p.netBenefit, 0) + ' ' + text(p.netBenefitUnit)).addTo(points);
      });
      var bounds = points.getBounds();
      if (bounds.isValid()) { m.fitBounds(bounds.pad(0.15)); }
      var legend = document.getElementById('legend');
      if (legend) {
        legend.innerHTML = Object.keys(kinds).sort().map(function (k) {
          return '<li><span class="swatch" style="background:' + kinds[k] + '"></span>' + text(k) + '</li>';
        }).join('') + '<li><span class="swatch line"></span>' + text(words.exchange) + ' (' + exchanges.length + ')</li>';
      }
      el.setAttribute('data-exchanges', String(exchanges.length));
      // When the lines and markers answer clicks (epoch ms, the clock the catalogue's finish time uses): the test of
      // "interactive within 1 s of the run finishing" reads it.
      el.setAttribute('data-interactive-at', String(Date.now()));
    });
    Promise.all([flowsDrawn, bordersDrawn]).then(function () {
      el.setAttribute('data-ready-at', String(Date.now()));
      el.setAttribute('data-ready', 'true');
    }).catch(function (e) {
      el.setAttribute('data-error', String(e));
    });
  }

  // A running job's page: polls its progress (plain JSON) and reloads when it has ended, so the results appear.
  function follow(el) {
    var url = el.getAttribute('data-progress');
    var bar = document.getElementById('job-bar');
    var count = document.getElementById('job-count');
    var label = document.getElementById('job-label');
    var eta = document.getElementById('job-eta');
    var elapsed = document.getElementById('job-elapsed');
    readWords(el);
    function left(s) {
      if (s === null || s === undefined) { return words.estimating; }
      if (s < 1) { return words.underASecond; }
      if (s < 90) { return fill(words.seconds, Math.ceil(s)); }
      return fill(words.minutes, Math.ceil(s / 60));
    }
    function tick() {
      fetch(url, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
        if (!r.ok) { throw new Error(url + ': ' + r.status); }
        return r.json();
      }).then(function (p) {
        if (p.finished) { window.location.reload(); return; }
        if (p.total > 0) { bar.value = p.done / p.total; count.textContent = fill(words.count, p.done, p.total); } else { bar.removeAttribute('value'); }
        label.textContent = p.queued ? words.waiting : p.label;
        eta.textContent = p.queued ? words.queued : left(p.remainingSeconds);
        elapsed.textContent = fill(words.elapsed, p.elapsedSeconds.toFixed(1).replace('.', words.decimal));
        el.setAttribute('data-done', String(p.done));
        window.setTimeout(tick, 150);
      }).catch(function (e) {
        el.setAttribute('data-error', String(e));
        window.setTimeout(tick, 1000);
      });
    }
    tick();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var job = document.getElementById('job');
    if (job) { follow(job); }
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), sortable);
    var el = document.getElementById('map');
    if (el) { map(el); }
  });
})();
