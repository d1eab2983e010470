// The class report's only script: the student table's filter and sort, and the per-student drill-down. It reads
// the embedded JSON and builds nodes with textContent, so nothing a submission wrote can become markup.
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var byId = {};
  data.students.forEach(function (s) { byId[s.id] = s; });
  var detail = document.getElementById('detail');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#students tbody tr'));

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function num(n) { return String(Math.round(n * 1000) / 1000); }
  function badge(status) { return el('span', 'badge ' + status, status); }

  function show(id) {
    var s = byId[id];
    if (!s) return;
    rows.forEach(function (r) { r.classList.toggle('selected', r.getAttribute('data-student') === id); });
    detail.textContent = '';
    detail.setAttribute('data-student', id);
    var head = el('div', 'detail-head');
    head.appendChild(el('h3', null, id));
    var line = el('div', 'muted');
    line.appendChild(document.createTextNode(num(s.score) + ' / ' + num(s.maxScore) + ' points · ' + (s.durationMs / 1000).toFixed(2) + ' s' + (s.cached ? ' (cached)' : '') + ' · seed ' + s.seed + ' '));
    line.appendChild(badge(s.status));
    head.appendChild(line);
    if (s.message) head.appendChild(el('p', 'ex-msg', s.message));
    detail.appendChild(head);
    s.exercises.forEach(function (ex) {
      var box = el('section', 'ex');
      box.setAttribute('data-exercise', ex.id);
      var eh = el('div', 'ex-head');
      eh.appendChild(el('strong', null, ex.id));
      var right = el('span');
      right.appendChild(document.createTextNode(num(ex.score) + ' / ' + num(ex.maxScore) + ' '));
      right.appendChild(badge(ex.status));
      eh.appendChild(right);
      box.appendChild(eh);
      if (ex.message) box.appendChild(el('pre', 'ex-msg', ex.message));
      ex.checks.forEach(function (c) {
        var row = el('div', 'check ' + c.status);
        row.setAttribute('data-check', c.id);
        row.setAttribute('data-status', c.status);
        var ch = el('div', 'check-head');
        ch.appendChild(badge(c.status));
        ch.appendChild(el('span', 'cid', c.function + ' · ' + (c.kind || c.id.split('/').pop())));
        ch.appendChild(el('span', 'pts', num(c.score) + ' / ' + num(c.maxScore)));
        row.appendChild(ch);
        if (c.feedback) row.appendChild(el('p', 'feedback', c.feedback));
        if (c.diagnosis) {
          var d = el('div', 'diag', 'likely misconception: ');
          d.appendChild(el('code', null, c.diagnosis));
          row.appendChild(d);
        }
        if (c.counterexample) {
          var det = el('details');
          det.appendChild(el('summary', null, 'counterexample'));
          det.appendChild(el('pre', 'cx', c.counterexample));
          row.appendChild(det);
        }
        box.appendChild(row);
      });
      if (ex.checks.length === 0 && !ex.message) box.appendChild(el('div', 'check muted', ex.status === 'not-submitted' ? 'Not submitted.' : 'No checks.'));
      detail.appendChild(box);
    });
    if (s.exercises.length === 0 && !s.message) detail.appendChild(el('p', 'muted', 'No exercise was graded.'));
  }

  function fromHash() {
    var m = /^#student=(.*)$/.exec(location.hash);
    if (m) {
      var id = decodeURIComponent(m[1]);
      show(id);
      var row = rows.filter(function (r) { return r.getAttribute('data-student') === id; })[0];
      if (row && row.scrollIntoView) row.scrollIntoView({ block: 'nearest' });
    }
  }

  rows.forEach(function (r) {
    r.addEventListener('click', function () {
      var id = r.getAttribute('data-student');
      history.replaceState(null, '', '#student=' + encodeURIComponent(id));
      show(id);
    });
  });
  window.addEventListener('hashchange', fromHash);

  var filter = document.getElementById('student-filter');
  filter.addEventListener('input', function () {
    var q = filter.value.trim().toLowerCase();
    rows.forEach(function (r) { r.hidden = q !== '' && r.getAttribute('data-student').toLowerCase().indexOf(q) < 0; });
  });

  var tbody = document.querySelector('#students tbody');
  var headers = Array.prototype.slice.call(document.querySelectorAll('#students th'));
  headers.forEach(function (th, col) {
    th.addEventListener('click', function () {
      var key = th.getAttribute('data-key');
      var dir = th.getAttribute('data-dir') === 'asc' ? 'desc' : 'asc';
      headers.forEach(function (o) { o.removeAttribute('data-dir'); });
      th.setAttribute('data-dir', dir);
      rows.sort(function (a, b) {
        var x = a.getAttribute('data-' + key), y = b.getAttribute('data-' + key);
        var nx = Number(x), ny = Number(y);
        var cmp = (key === 'student' || key === 'status') ? (x < y ? -1 : x > y ? 1 : 0) : nx - ny;
        return dir === 'asc' ? cmp : -cmp;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });

  if (location.hash) fromHash();
  else if (rows.length) show(rows[0].getAttribute('data-student'));
})();
`;
