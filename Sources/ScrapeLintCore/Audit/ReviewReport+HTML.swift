extension ReviewReport {
    /// The report as one self-contained HTML page: inline style and script, the data as JSON in a
    /// `<script type="application/json">` block (every `<` escaped, so no text can close it), rendered with
    /// `textContent` only. Script errors are shown on the page and counted in `data-errors` on the body.
    public func html(title: String = "scrapelint review") -> String {
        let data = dataJSON(title: title).replacingOccurrences(of: "<", with: "\\u003c")
        let parts = ReviewReport.page.replacingOccurrences(of: "@TITLE@", with: XML.escape(title).replacingOccurrences(of: "@", with: "&#64;"))
            .components(separatedBy: "@DATA" + "@")
        return parts[0] + data + parts[1]
    }

    private static let page = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>@TITLE@</title>
    <style>
    body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 40px; color: #1d1d1f; }
    h1 { font-size: 22px; margin: 18px 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; }
    h3 { font-size: 15px; margin: 18px 0 4px; font-family: ui-monospace, monospace; }
    #totals { color: #444; } .filters { position: sticky; top: 0; background: #fff; padding: 8px 0; border-bottom: 1px solid #eee; z-index: 1; }
    select { margin-right: 12px; }
    table { border-collapse: collapse; width: 100%; } th, td { padding: 3px 8px; text-align: right; border-bottom: 1px solid #eee; }
    th:first-child, td:first-child, td.cat { text-align: left; } td.rule { font-family: ui-monospace, monospace; text-align: left; }
    td.barcell { width: 30%; text-align: left; } .bar { height: 12px; background: #d9534f; min-width: 1px; }
    .sample { font-family: ui-monospace, monospace; font-size: 12.5px; white-space: pre-wrap; border-left: 3px solid #ddd;
              padding: 4px 8px; margin: 6px 0; background: #fafafa; overflow-wrap: anywhere; }
    .doc { color: #777; font-family: system-ui, sans-serif; font-size: 12px; }
    mark.rm { background: #ffc9c9; color: #7a0000; text-decoration: line-through; text-decoration-color: #c0392b80; }
    mark.flag { background: #ffe9a8; } ins { background: #c9f2c9; text-decoration: none; }
    mark.dim { background: #eee; color: #999; }
    pre.view { white-space: pre-wrap; font-size: 12.5px; background: #fafafa; padding: 8px; overflow-wrap: anywhere; }
    .muted { color: #777; } #errors { background: #fee; color: #900; padding: 8px; }
    </style>
    </head>
    <body data-rendered="no" data-errors="0">
    <pre id="errors" hidden></pre>
    <script>
    window.onerror = function (message, source, line, column) {
      var box = document.getElementById('errors');
      box.hidden = false;
      box.textContent += message + ' (line ' + line + ':' + column + ')\\n';
      document.body.dataset.errors = String(Number(document.body.dataset.errors) + 1);
    };
    </script>
    <h1>@TITLE@</h1>
    <p id="totals"></p>
    <div class="filters">
      <label>Category <select id="category"><option value="">all</option></select></label>
      <label>Rule <select id="rule"><option value="">all</option></select></label>
      <span id="shown" class="muted"></span>
    </div>
    <h2>What each rule removes</h2>
    <table id="summary"><thead><tr><th>Rule</th><th>Category</th><th>Matches</th><th>Documents</th><th>Bytes removed</th><th>Share of input</th><th>Bytes removed (bar)</th></tr></thead><tbody></tbody></table>
    <h2>Samples</h2>
    <p class="muted" id="sampling"></p>
    <div id="samples"></div>
    <h2>Documents</h2>
    <p class="muted" id="docnote"></p>
    <div id="views"></div>
    <script type="application/json" id="data">@DATA@</script>
    <script>
    (function () {
      var data = JSON.parse(document.getElementById('data').textContent);
      function el(tag, attrs, text) {
        var node = document.createElement(tag);
        for (var key in attrs || {}) node.setAttribute(key, attrs[key]);
        if (text !== undefined) node.textContent = text;
        return node;
      }
      function percent(share) { return (share * 100).toFixed(2) + '%'; }
      var categoryOf = {};
      data.rules.forEach(function (rule) { categoryOf[rule.id] = rule.category; });

      var totals = document.getElementById('totals');
      totals.dataset.documents = data.documents;
      totals.dataset.matches = data.matches;
      totals.dataset.bytesRemoved = data.bytes_removed;
      totals.dataset.inputBytes = data.input_bytes;
      totals.textContent = data.documents + ' documents (' + data.input_bytes + ' bytes), ' + data.documents_changed +
        ' changed; ' + data.matches + ' matches; ' + data.bytes_removed + ' bytes removed (' +
        percent(data.input_bytes ? data.bytes_removed / data.input_bytes : 0) + ' of the input).';

      var widest = Math.max.apply(null, data.rules.map(function (rule) { return Math.abs(rule.bytes_removed); }).concat([1]));
      var body = document.querySelector('#summary tbody');
      data.rules.forEach(function (rule) {
        var row = el('tr', { 'data-rule': rule.id, 'data-category': rule.category, 'data-matches': rule.matches,
                             'data-documents': rule.documents, 'data-bytes-removed': rule.bytes_removed });
        row.title = rule.description;
        row.appendChild(el('td', { 'class': 'rule' }, rule.id));
        row.appendChild(el('td', { 'class': 'cat' }, rule.category));
        row.appendChild(el('td', {}, String(rule.matches)));
        row.appendChild(el('td', {}, String(rule.documents)));
        row.appendChild(el('td', {}, String(rule.bytes_removed)));
        row.appendChild(el('td', {}, percent(rule.share)));
        var cell = el('td', { 'class': 'barcell' });
        var bar = el('div', { 'class': 'bar' });
        bar.style.width = (100 * Math.abs(rule.bytes_removed) / widest).toFixed(2) + '%';
        cell.appendChild(bar);
        row.appendChild(cell);
        body.appendChild(row);
      });

      document.getElementById('sampling').textContent = 'At most ' + data.options.sample +
        ' matches per rule, sampled uniformly with seed ' + data.options.seed +
        ' (the same seed gives the same samples). Removed text is struck through in red, its replacement green, text only flagged yellow.';
      var samples = document.getElementById('samples');
      var sections = {};
      data.rules.forEach(function (rule) {
        var section = el('section', { 'data-rule': rule.id, 'data-category': rule.category });
        section.appendChild(el('h3', {}, rule.id));
        section.appendChild(el('div', { 'class': 'muted' }, rule.description + ' ' + rule.sampled + ' of ' + rule.matches + ' matches shown.'));
        sections[rule.id] = section;
        samples.appendChild(section);
      });
      data.samples.forEach(function (sample) {
        var box = el('div', { 'class': 'sample' });
        box.appendChild(document.createTextNode(sample.before));
        var flagged = sample.replacement === null;
        box.appendChild(el('mark', { 'class': flagged ? 'flag' : 'rm', title: sample.rule }, sample.text));
        if (sample.replacement) box.appendChild(el('ins', { title: sample.rule }, sample.replacement));
        box.appendChild(document.createTextNode(sample.after));
        box.appendChild(el('div', { 'class': 'doc' }, sample.document));
        sections[sample.rule].appendChild(box);
      });

      document.getElementById('docnote').textContent = data.views.length + ' of ' + data.documents_changed +
        ' changed documents, sampled with seed ' + data.options.seed + '. Hover over a change to see its rule.';
      var views = document.getElementById('views');
      data.views.forEach(function (view) {
        var details = el('details', {});
        var rules = {};
        details.appendChild(el('summary', {}, view.name + ' (' + view.changes + ' changes' + (view.truncated ? ', cut' : '') + ')'));
        var pre = el('pre', { 'class': 'view' });
        view.segments.forEach(function (segment) {
          if (segment.length === 1) { pre.appendChild(document.createTextNode(segment[0])); return; }
          rules[segment[1]] = true;
          pre.appendChild(el('mark', { 'class': 'rm', title: segment[1], 'data-rule': segment[1] }, segment[0]));
          if (segment[2]) pre.appendChild(el('ins', { title: segment[1] }, segment[2]));
        });
        details.dataset.rules = Object.keys(rules).join(' ');
        details.appendChild(pre);
        views.appendChild(details);
      });

      var categorySelect = document.getElementById('category'), ruleSelect = document.getElementById('rule');
      Object.keys(data.rules.reduce(function (all, rule) { all[rule.category] = true; return all; }, {})).sort()
        .forEach(function (category) { categorySelect.appendChild(el('option', { value: category }, category)); });
      data.rules.forEach(function (rule) { ruleSelect.appendChild(el('option', { value: rule.id }, rule.id)); });
      function applyFilters() {
        var category = categorySelect.value, only = ruleSelect.value;
        function wanted(id) { return (!only || id === only) && (!category || categoryOf[id] === category); }
        var shown = 0;
        document.querySelectorAll('#summary tbody tr, #samples section').forEach(function (node) {
          node.hidden = !wanted(node.dataset.rule);
          if (node.tagName === 'TR' && !node.hidden) shown += 1;
        });
        document.querySelectorAll('#views details').forEach(function (details) {
          var ids = details.dataset.rules ? details.dataset.rules.split(' ') : [];
          details.hidden = !ids.some(wanted);
        });
        document.querySelectorAll('#views mark').forEach(function (mark) {
          mark.classList.toggle('dim', !wanted(mark.dataset.rule));
        });
        document.getElementById('shown').textContent = shown + ' of ' + data.rules.length + ' rules shown';
      }
      categorySelect.addEventListener('change', applyFilters);
      ruleSelect.addEventListener('change', applyFilters);
      applyFilters();
      document.body.dataset.renderMs = String(Math.round(performance.now()));
      document.body.dataset.rendered = 'yes';
    })();
    </script>
    </body>
    </html>

    """
}
