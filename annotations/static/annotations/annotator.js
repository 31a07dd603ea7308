'use strict';
/*
 * The article annotator in the admin change page.
 *
 * Configured by the element's data-config-id, which names a json_script block
 * (body, topics, annotations, endpoint URLs, labels). Highlights are painted
 * with the CSS Custom Highlight API, never by wrapping text in elements, so
 * Arabic letters joined across a highlight edge stay joined.
 *
 * Offsets: the server speaks Unicode code points into the body; the DOM
 * speaks UTF-16 code units. Every conversion happens in cpToPoint/pointToCp.
 */
(function () {
  // Suggestions are drawn quieter than editors' passages; no underline
  // crosses the Arabic descenders (rejected ones are struck through mid-line).
  const STATUS_ALPHA = { suggested: 0.12, draft: 0.32, approved: 0.45, rejected: 0.08 };
  const STATUSES = ['suggested', 'draft', 'approved', 'rejected'];
  const LAYER_STORE = 'annotator-layers';
  // Shift + key -> Selection.modify('extend', direction, granularity); left and
  // right are visual, so in Arabic text Shift + Left reads on.
  const SELECT_KEYS = {
    ArrowLeft: ['left', 'character'],
    ArrowRight: ['right', 'character'],
    ArrowUp: ['backward', 'line'],
    ArrowDown: ['forward', 'line'],
    Home: ['backward', 'lineboundary'],
    End: ['forward', 'lineboundary'],
  };

  function utf16Map(text) {
    // map[i] = UTF-16 offset of code point i; map[length] = text.length
    const map = [0];
    let units = 0;
    for (const ch of text) {
      units += ch.length;
      map.push(units);
    }
    return map;
  }

  function unitsToCodePoints(map, units) {
    // the number of code points wholly before UTF-16 offset `units`
    let lo = 0;
    let hi = map.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (map[mid] <= units) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function rgba(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return `rgb(${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255} / ${Math.round(alpha * 100)}%)`;
  }

  function csrfToken() {
    const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (input) return input.value;
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  // DRF's error body as one sentence: its detail, or every field's messages.
  function errorText(data) {
    if (!data || typeof data !== 'object') return '';
    if (typeof data.detail === 'string') return data.detail;
    const messages = [];
    const collect = (value) => {
      if (typeof value === 'string') messages.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(data);
    return messages.join(' ');
  }

  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children || []) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  class Annotator {
    constructor(root) {
      this.root = root;
      this.config = JSON.parse(document.getElementById(root.dataset.configId).textContent);
      this.labels = this.config.labels;
      this.topics = new Map(this.config.topics.map((t) => [t.id, t]));
      this.annotations = new Map(this.config.annotations.map((a) => [a.id, a]));
      this.text = root.querySelector('.annotator__text');
      this.list = root.querySelector('.annotator__list');
      this.count = root.querySelector('.annotator__count');
      this.bulk = root.querySelector('.annotator__bulk');
      this.layerBar = root.querySelector('.annotator__layers');
      this.messages = root.querySelector('.annotator__messages');
      this.paragraphs = Array.from(this.text.querySelectorAll('p[data-start]')).map((p) => {
        const text = p.textContent;
        const map = utf16Map(text);
        const start = Number(p.dataset.start);
        return { el: p, node: p.firstChild, text, map, start, end: start + map.length - 1 };
      });
      this.focused = null;
      this.pending = null;
      this.supported = typeof CSS !== 'undefined' && 'highlights' in CSS;
      this.layers = [];
      this.ready = false;
      this.defaultLayers();
      this.installStyles();
      this.buildPopovers();
      this.bind();
      this.ready = true;
      this.render();
      this.focusFromUrl();
    }

    // ---- layers --------------------------------------------------------
    //
    // A layer is { id, group, label, colour?, key?, visible, matches(annotation) }.
    // An annotation is shown when every layer that matches it is visible, so
    // further layers (by author, by agreement, ...) can be added with
    // addLayer() and combine with these without knowing of them.

    savedLayers() {
      try {
        return JSON.parse(window.localStorage.getItem(LAYER_STORE) || '{}');
      } catch (error) {
        return {};
      }
    }

    defaultLayers() {
      for (const status of STATUSES) {
        this.addLayer({
          id: `status:${status}`,
          group: this.labels.layerStatus,
          label: this.config.statuses[status] || status,
          visible: status !== 'rejected',
          matches: (a) => a.status === status,
        });
      }
      this.config.topics.forEach((topic, index) => {
        this.addLayer({
          id: `topic:${topic.id}`,
          key: index < 9 ? String(index + 1) : '',
          group: this.labels.layerTopic,
          label: `${topic.name} · ${topic.name_en}`,
          colour: topic.colour,
          visible: true,
          matches: (a) => a.topic === topic.id,
        });
      });
    }

    addLayer(layer) {
      const saved = this.savedLayers()[layer.id];
      this.layers.push({
        ...layer,
        visible: typeof saved === 'boolean' ? saved : layer.visible !== false,
      });
      if (this.ready) this.render();
    }

    setLayer(id, visible) {
      const layer = this.layers.find((item) => item.id === id);
      if (!layer) return;
      layer.visible = visible;
      const saved = this.savedLayers();
      saved[id] = visible;
      try {
        window.localStorage.setItem(LAYER_STORE, JSON.stringify(saved));
      } catch (error) {
        // private mode: the choice lasts for this page only
      }
      if (this.focused && !this.isVisible(this.annotations.get(this.focused))) this.focused = null;
      this.render();
    }

    isVisible(annotation) {
      return Boolean(annotation) && this.layers.every((l) => l.visible || !l.matches(annotation));
    }

    visibleAnnotations() {
      return Array.from(this.annotations.values())
        .filter((a) => this.isVisible(a))
        .sort((a, b) => a.start - b.start || a.id - b.id);
    }

    renderLayers() {
      const all = Array.from(this.annotations.values());
      const groups = new Map();
      for (const layer of this.layers) {
        if (!groups.has(layer.group)) groups.set(layer.group, []);
        groups.get(layer.group).push(layer);
      }
      const rows = [];
      for (const [group, layers] of groups) {
        const chips = layers.map((layer) => {
          const box = el('input', { type: 'checkbox', checked: layer.visible });
          box.dataset.layer = layer.id;
          const swatch = layer.colour ? el('span', { className: 'annotator__swatch' }) : null;
          if (swatch) swatch.style.backgroundColor = layer.colour;
          const n = all.filter((a) => layer.matches(a)).length;
          const key = layer.key ? el('kbd', { textContent: layer.key }) : null;
          return el('label', { className: 'annotator__layer' }, [
            box, swatch, key, el('span', { textContent: layer.label }),
            el('span', { className: 'annotator__layer-count', textContent: String(n) }),
          ]);
        });
        rows.push(el('div', { className: 'annotator__layer-group' }, [
          el('span', { className: 'annotator__layer-title', textContent: `${group}:` }), ...chips,
        ]));
      }
      this.layerBar.replaceChildren(...rows);
    }

    // ---- offsets -------------------------------------------------------

    cpToPoint(cp, edge) {
      // edge "start": a position in a gap between paragraphs moves forward;
      // edge "end": backward.
      const paras = this.paragraphs;
      for (let i = 0; i < paras.length; i++) {
        const p = paras[i];
        if (cp < p.start) {
          if (edge === 'start' || i === 0) return { node: p.node, offset: 0 };
          const prev = paras[i - 1];
          return { node: prev.node, offset: prev.text.length };
        }
        if (cp <= p.end) return { node: p.node, offset: p.map[cp - p.start] };
      }
      const last = paras[paras.length - 1];
      return { node: last.node, offset: last.text.length };
    }

    pointToCp(node, offset) {
      if (node === this.text) {
        const p = this.paragraphs[offset];
        if (p) return p.start;
        const last = this.paragraphs[this.paragraphs.length - 1];
        return last ? last.end : 0;
      }
      const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
      const pEl = element && element.closest('p[data-start]');
      const p = this.paragraphs.find((item) => item.el === pEl);
      if (!p) return null;
      let units = offset;
      if (node.nodeType !== Node.TEXT_NODE) units = offset === 0 ? 0 : p.text.length;
      return p.start + unitsToCodePoints(p.map, units);
    }

    rangeFor(annotation) {
      const start = this.cpToPoint(annotation.start, 'start');
      const end = this.cpToPoint(annotation.end, 'end');
      if (!start.node || !end.node) return null;
      const range = document.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      return range;
    }

    // ---- painting ------------------------------------------------------

    installStyles() {
      const rules = [];
      for (const topic of this.config.topics) {
        for (const [status, alpha] of Object.entries(STATUS_ALPHA)) {
          const name = `ann-${topic.id}-${status}`;
          let rule = `background-color: ${rgba(topic.colour, alpha)};`;
          if (status === 'rejected') rule += ' text-decoration: line-through #999;';
          rules.push(`::highlight(${name}) { ${rule} }`);
        }
      }
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(rules.join('\n'));
      // The focused passage is drawn strongly in its own topic's colour.
      this.focusSheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet, this.focusSheet];
    }

    paint() {
      if (!this.supported) return;
      for (const name of Array.from(CSS.highlights.keys())) {
        if (name.startsWith('ann-')) CSS.highlights.delete(name);
      }
      const groups = new Map();
      for (const annotation of this.visibleAnnotations()) {
        const range = this.rangeFor(annotation);
        if (!range) continue;
        const name = `ann-${annotation.topic}-${annotation.status}`;
        if (!groups.has(name)) groups.set(name, []);
        groups.get(name).push(range);
      }
      for (const [name, ranges] of groups) CSS.highlights.set(name, new Highlight(...ranges));
      const focused = this.focused && this.annotations.get(this.focused);
      if (focused) {
        const topic = this.topics.get(focused.topic);
        const colour = topic ? topic.colour : '#ffc107';
        this.focusSheet.replaceSync(
          `::highlight(ann-focus) { background-color: ${rgba(colour, 0.62)}; color: #000; }`,
        );
        const focus = new Highlight(this.rangeFor(focused));
        focus.priority = 10;
        CSS.highlights.set('ann-focus', focus);
      }
    }

    describe(annotation) {
      const topic = this.topics.get(annotation.topic);
      const parts = [
        topic ? `${topic.name} · ${topic.name_en}` : '?',
        this.config.statuses[annotation.status] || annotation.status,
        annotation.author || this.labels.noAuthor,
      ];
      if (annotation.flagged) parts.push(this.labels.flagged);
      let text = parts.join(' — ');
      if (annotation.rule) {
        text += `\n${this.labels.rule} ${annotation.rule}`;
        if (annotation.matched) text += ` (${annotation.matched})`;
      }
      if (annotation.note) text += `\n${annotation.note}`;
      return text;
    }

    actionButtons(annotation, className) {
      return (annotation.actions || []).map((action) => {
        const button = el('button', {
          type: 'button',
          className: `${className} annotator__act annotator__act--${action.name}`,
          title: `${action.label} (${action.key})`,
        }, [action.label, ' ', el('kbd', { textContent: action.key })]);
        button.dataset.id = annotation.id;
        button.dataset.action = action.name;
        button.setAttribute('aria-keyshortcuts', action.key);
        return button;
      });
    }

    renderList() {
      const sorted = this.visibleAnnotations();
      this.count.textContent = `(${sorted.length} / ${this.annotations.size})`;
      this.list.replaceChildren();
      this.renderBulk(sorted);
      if (!sorted.length) {
        const text = this.annotations.size ? this.labels.allHidden : this.labels.none;
        this.list.append(el('li', { className: 'annotator__empty', textContent: text }));
        return;
      }
      const fragment = document.createDocumentFragment();
      for (const annotation of sorted) {
        const topic = this.topics.get(annotation.topic);
        const swatch = el('span', { className: 'annotator__swatch' });
        swatch.style.backgroundColor = topic ? topic.colour : '#ccc';
        const quote = annotation.quote.length > 90
          ? `${annotation.quote.slice(0, 89)}…` : annotation.quote;
        const button = el('button', {
          type: 'button',
          className: `annotator__item annotator__item--${annotation.status}`,
          title: this.describe(annotation),
        }, [
          swatch,
          el('span', { className: 'annotator__item-meta', textContent: this.describe(annotation).split('\n')[0] }),
          el('span', { className: 'annotator__item-quote', lang: 'ar', dir: 'rtl', textContent: quote }),
        ]);
        button.dataset.id = annotation.id;
        const li = el('li', { id: `annotation-${annotation.id}` }, [button]);
        if (annotation.id === this.focused) li.classList.add('annotator__focused');
        const actions = this.actionButtons(annotation, 'annotator__item-act');
        if (actions.length) li.append(el('div', { className: 'annotator__item-actions' }, actions));
        fragment.append(li);
      }
      this.list.append(fragment);
    }

    renderBulk(shown) {
      const buttons = [];
      for (const name of ['accept', 'dismiss']) {
        const ids = shown.filter((a) => (a.actions || []).some((x) => x.name === name)).map((a) => a.id);
        if (ids.length < 2) continue;
        const button = el('button', {
          type: 'button',
          className: `button annotator__bulk-${name}`,
          textContent: this.labels[`bulk_${name}`].replace('%(count)s', ids.length),
        });
        button.dataset.bulk = name;
        buttons.push(button);
      }
      this.bulk.replaceChildren(...buttons);
    }

    render() {
      this.paint();
      this.renderLayers();
      this.renderList();
    }

    say(message, isError) {
      clearTimeout(this.sayTimer);
      this.messages.textContent = message;
      this.messages.classList.toggle('annotator__messages--error', Boolean(isError));
      if (!isError) this.sayTimer = setTimeout(() => { this.messages.textContent = ''; }, 6000);
    }

    // ---- focus, hover, click ------------------------------------------

    focus(id, { scroll = false, moveFocus = false } = {}) {
      this.focused = id;
      this.paint();
      for (const li of this.list.querySelectorAll('.annotator__focused')) li.classList.remove('annotator__focused');
      const annotation = this.annotations.get(id);
      if (!annotation) return;
      const li = this.list.querySelector(`#annotation-${id}`);
      if (li) li.classList.add('annotator__focused');
      if (scroll) {
        const range = this.rangeFor(annotation);
        const rect = range && range.getBoundingClientRect();
        if (rect && (rect.top < 80 || rect.bottom > window.innerHeight - 40)) {
          window.scrollBy({ top: rect.top - window.innerHeight / 3 });
        }
        if (li) li.scrollIntoView({ block: 'nearest' });
      }
      if (moveFocus) {
        const item = this.list.querySelector(`button[data-id="${id}"]`);
        if (item) item.focus({ preventScroll: true });
      }
    }

    focusFromUrl() {
      const id = Number(new URLSearchParams(window.location.search).get('annotation'));
      const annotation = id && this.annotations.get(id);
      if (!annotation) return;
      // A passage asked for by its link is shown even if a layer hid it.
      for (const layer of this.layers) {
        if (!layer.visible && layer.matches(annotation)) layer.visible = true;
      }
      this.render();
      // after layout, so the range has a position
      requestAnimationFrame(() => this.focus(id, { scroll: true, moveFocus: true }));
    }

    step(direction) {
      const shown = this.visibleAnnotations();
      if (!shown.length) return;
      let index = shown.findIndex((a) => a.id === this.focused);
      if (index === -1) index = direction > 0 ? 0 : shown.length - 1;
      else index = Math.min(Math.max(index + direction, 0), shown.length - 1);
      this.closePanel();
      this.focus(shown[index].id, { scroll: true, moveFocus: true });
    }

    annotationsAt(clientX, clientY) {
      let node = null;
      let offset = 0;
      if (document.caretPositionFromPoint) {
        const pos = document.caretPositionFromPoint(clientX, clientY);
        if (pos) ({ offsetNode: node, offset } = pos);
      } else if (document.caretRangeFromPoint) {
        const range = document.caretRangeFromPoint(clientX, clientY);
        if (range) ({ startContainer: node, startOffset: offset } = range);
      }
      if (!node || !this.text.contains(node)) return [];
      const cp = this.pointToCp(node, offset);
      if (cp === null) return [];
      return this.visibleAnnotations()
        .filter((a) => a.start <= cp && cp < a.end)
        .sort((a, b) => (a.end - a.start) - (b.end - b.start));
    }

    showTooltip(annotations, x, y) {
      if (!annotations.length || !this.chooser.hidden) {
        this.tooltip.hidden = true;
        return;
      }
      this.tooltip.textContent = annotations.map((a) => this.describe(a)).join('\n\n');
      this.tooltip.hidden = false;
      this.place(this.tooltip, { left: x + 12, right: x + 12, top: y + 16, bottom: y + 16 });
    }

    place(popover, rect) {
      const width = popover.offsetWidth;
      const height = popover.offsetHeight;
      const left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
      let top = rect.bottom + 8;
      if (top + height > window.innerHeight - 8) top = rect.top - height - 8;
      // keep it on screen even when the passage is not
      top = Math.min(Math.max(8, top), Math.max(8, window.innerHeight - height - 8));
      popover.style.left = `${left}px`;
      popover.style.top = `${top}px`;
    }

    // Where passages overlap, a click offers every one under the pointer.
    openChooser(hits, rect) {
      this.closePicker();
      this.closePanel();
      this.tooltip.hidden = true;
      const buttons = hits.map((annotation) => {
        const topic = this.topics.get(annotation.topic);
        const swatch = el('span', { className: 'annotator__swatch' });
        swatch.style.backgroundColor = topic ? topic.colour : '#ccc';
        const quote = annotation.quote.length > 70
          ? `${annotation.quote.slice(0, 69)}…` : annotation.quote;
        const button = el('button', { type: 'button', className: 'annotator__choice' }, [
          swatch,
          el('span', { className: 'annotator__item-meta', textContent: this.describe(annotation).split('\n')[0] }),
          el('span', { className: 'annotator__item-quote', lang: 'ar', dir: 'rtl', textContent: quote }),
        ]);
        button.dataset.id = annotation.id;
        return button;
      });
      this.chooserList.replaceChildren(...buttons);
      this.chooser.hidden = false;
      this.place(this.chooser, rect);
      buttons[0].focus({ preventScroll: true });
    }

    closeChooser() {
      this.chooser.hidden = true;
    }

    // ---- creating ------------------------------------------------------

    selectionOffsets() {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
      const range = selection.getRangeAt(0);
      if (!this.text.contains(range.commonAncestorContainer)) return null;
      let start = this.pointToCp(range.startContainer, range.startOffset);
      let end = this.pointToCp(range.endContainer, range.endOffset);
      if (start === null || end === null) return null;
      // trim the white space a double click or a drag often takes along
      const chars = Array.from(this.config.body);
      while (start < end && /\s/.test(chars[start])) start++;
      while (end > start && /\s/.test(chars[end - 1])) end--;
      if (start >= end) return null;
      return { start, end, quote: chars.slice(start, end).join(''), rect: range.getBoundingClientRect() };
    }

    openPicker() {
      if (!this.config.canCreate) return;
      const offsets = this.selectionOffsets();
      if (!offsets) {
        this.closePicker();
        return;
      }
      this.closeChooser();
      this.pending = offsets;
      this.pickerQuote.textContent = offsets.quote.length > 120
        ? `${offsets.quote.slice(0, 119)}…` : offsets.quote;
      this.pickerError.textContent = '';
      this.picker.hidden = false;
      this.place(this.picker, offsets.rect);
    }

    closePicker() {
      this.picker.hidden = true;
      this.pending = null;
    }

    // The one write API: /api/v1/annotations/, as any client uses it (the
    // session's cookie and its CSRF token). Its refusals are DRF's JSON:
    // {"detail": "..."} or {"field": ["...", ...]}.
    async request(method, url, payload, headers) {
      const options = {
        method,
        credentials: 'same-origin',
        headers: {
          Accept: 'application/json',
          'X-CSRFToken': csrfToken(),
          'X-Requested-With': 'XMLHttpRequest',
          ...(headers || {}),
        },
      };
      if (payload !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(payload);
      }
      const response = await fetch(url, options);
      let data = {};
      if (response.status !== 204) {
        try {
          data = await response.json();
        } catch (error) {
          data = { detail: `${response.status} ${response.statusText}` };
        }
      }
      if (!response.ok) {
        const error = new Error(errorText(data) || `${response.status}`);
        error.status = response.status;
        throw error;
      }
      return data;
    }

    // What the workspace shows of one passage (who may do what with it), read
    // again after every change.
    async fetchAnnotation(id) {
      const data = await this.request('GET', this.config.urls.item.replace('{id}', id));
      this.annotations.set(id, data.annotation);
      return data.annotation;
    }

    topicSlug(topicId) {
      const topic = this.topics.get(topicId);
      return topic ? topic.slug : String(topicId);
    }

    async create(topicId) {
      if (!this.pending) return;
      const { start, end, quote } = this.pending;
      try {
        const created = await this.request('POST', this.config.urls.api, {
          article: this.config.article,
          topic: this.topicSlug(topicId),
          start,
          end,
          quote,
          note: this.pickerNote.value,
        });
        const annotation = await this.fetchAnnotation(created.id);
        this.pickerNote.value = '';
        this.closePicker();
        window.getSelection().removeAllRanges();
        // Shown at once, in its topic's colour, even if a layer was hiding its kind.
        for (const layer of this.layers) {
          if (!layer.visible && layer.matches(annotation)) layer.visible = true;
        }
        this.focused = annotation.id;
        this.render();
        this.say(this.labels.saved);
      } catch (error) {
        this.pickerError.textContent = `${this.labels.failed} ${error.message}`;
        this.say(`${this.labels.failed} ${error.message}`, true);
      }
    }

    // ---- editing -------------------------------------------------------

    // Sent with the version the passage was read at (If-Match): if someone
    // else changed it since, nothing is written, the passage is read again and
    // the editor is told.
    async write(method, id, payload) {
      const { version } = this.annotations.get(id) || {};
      const headers = version === undefined ? {} : { 'If-Match': `"${version}"` };
      try {
        return await this.request(method, this.config.urls.detail.replace('{id}', id), payload, headers);
      } catch (error) {
        if (error.status === 412 || error.status === 409) {
          await this.reloadChanged(id);
          error.message = this.labels.changedElsewhere;
          this.say(error.message, true);
        }
        throw error;
      }
    }

    async reloadChanged(id) {
      try {
        await this.fetchAnnotation(id);
      } catch (error) {
        if (error.status === 404) {
          this.annotations.delete(id);
          if (this.focused === id) this.focused = null;
        }
      }
      this.closePanel();
      this.render();
    }

    async update(id, payload) {
      const body = { ...payload };
      if (body.topic !== undefined) body.topic = this.topicSlug(body.topic);
      await this.write('PATCH', id, body);
      return this.fetchAnnotation(id);
    }

    async act(id, name) {
      const annotation = this.annotations.get(id);
      const action = annotation && (annotation.actions || []).find((a) => a.name === name);
      if (!action) return;
      try {
        await this.update(id, { status: action.status });
        this.closePanel();
        this.render();
        this.focus(id);
        this.say(`${action.label}: ${this.config.statuses[action.status] || action.status}.`);
      } catch (error) {
        this.say(`${this.labels.failed} ${error.message}`, true);
      }
    }

    async actOnShown(name) {
      const targets = this.visibleAnnotations()
        .filter((a) => (a.actions || []).some((x) => x.name === name));
      if (!targets.length) return;
      const question = this.labels[`confirm_${name}`].replace('%(count)s', targets.length);
      if (!window.confirm(question)) return;
      let done = 0;
      const failures = [];
      for (const annotation of targets) {
        const action = annotation.actions.find((x) => x.name === name);
        try {
          await this.update(annotation.id, { status: action.status });
          done += 1;
        } catch (error) {
          failures.push(error.message);
        }
      }
      this.render();
      const message = this.labels[`done_${name}`].replace('%(count)s', done);
      if (failures.length) this.say(`${message} ${this.labels.failed} ${failures[0]}`, true);
      else this.say(message);
    }

    async retag(id, topicId) {
      const annotation = this.annotations.get(id);
      if (!annotation || !annotation.can_edit || annotation.topic === topicId) return;
      try {
        await this.update(id, { topic: topicId });
        this.render();
        this.focus(id);
        this.say(this.labels.saved);
      } catch (error) {
        this.say(`${this.labels.failed} ${error.message}`, true);
      }
    }

    openPanel(id, rect) {
      const annotation = this.annotations.get(id);
      if (!annotation) return;
      this.closePicker();
      this.closeChooser();
      this.panelId = id;
      this.focus(id);
      const p = this.panelFields;
      p.quote.textContent = annotation.quote;
      p.meta.textContent = this.describe(annotation);
      p.actions.replaceChildren(...this.actionButtons(annotation, 'button'));
      p.topic.value = String(annotation.topic);
      p.topic.disabled = !annotation.can_edit;
      p.note.value = annotation.note;
      p.note.disabled = !annotation.can_edit;
      p.status.replaceChildren(...annotation.statuses.map((value) => el('option', {
        value, textContent: this.config.statuses[value] || value,
      })));
      p.status.value = annotation.status;
      p.status.disabled = annotation.statuses.length < 2;
      p.remove.hidden = !annotation.can_delete;
      p.save.disabled = !annotation.can_edit && annotation.statuses.length < 2;
      p.history.href = this.config.urls.history.replace('{id}', id);
      p.error.textContent = p.save.disabled ? this.labels.readOnly : '';
      this.panel.hidden = false;
      this.place(this.panel, rect || this.rangeFor(annotation).getBoundingClientRect());
      // Focus the panel itself, so the review keys work straight away.
      this.panel.focus({ preventScroll: true });
    }

    closePanel() {
      this.panel.hidden = true;
      this.panelId = null;
    }

    async savePanel() {
      const id = this.panelId;
      const p = this.panelFields;
      const payload = { status: p.status.value };
      if (!p.topic.disabled) payload.topic = Number(p.topic.value);
      if (!p.note.disabled) payload.note = p.note.value;
      try {
        await this.update(id, payload);
        this.closePanel();
        this.render();
        this.say(this.labels.saved);
      } catch (error) {
        p.error.textContent = `${this.labels.failed} ${error.message}`;
      }
    }

    async deleteFromPanel() {
      const id = this.panelId;
      if (!window.confirm(this.labels.confirmDelete)) return;
      try {
        await this.write('DELETE', id);
        this.annotations.delete(id);
        if (this.focused === id) this.focused = null;
        this.closePanel();
        this.render();
        this.say(this.labels.deleted);
      } catch (error) {
        this.panelFields.error.textContent = `${this.labels.failed} ${error.message}`;
      }
    }

    // ---- DOM -----------------------------------------------------------

    buildPopovers() {
      const L = this.labels;
      this.tooltip = el('div', { className: 'annotator__tooltip', hidden: true, role: 'tooltip' });

      this.pickerQuote = el('blockquote', { className: 'annotator__quote', lang: 'ar', dir: 'rtl' });
      this.pickerNote = el('textarea', { rows: 2, className: 'annotator__note', placeholder: L.note });
      this.pickerNote.setAttribute('aria-label', L.note);
      this.pickerNote.setAttribute('dir', 'auto');
      this.pickerError = el('p', { className: 'annotator__error', role: 'alert' });
      const buttons = this.config.topics.map((topic, index) => {
        const swatch = el('span', { className: 'annotator__swatch' });
        swatch.style.backgroundColor = topic.colour;
        const button = el('button', { type: 'button', className: 'annotator__topic' }, [
          el('kbd', { textContent: String(index + 1) }), swatch,
          el('span', { lang: 'ar', textContent: topic.name }), ` · ${topic.name_en}`,
        ]);
        button.dataset.topic = topic.id;
        return button;
      });
      this.picker = el('div', { className: 'annotator__popover annotator__picker', hidden: true }, [
        el('p', { className: 'annotator__title', textContent: L.pickTopic }),
        this.pickerQuote,
        el('div', { className: 'annotator__topics' }, buttons),
        this.pickerNote,
        this.pickerError,
      ]);
      this.picker.setAttribute('role', 'dialog');

      this.chooserList = el('div', { className: 'annotator__topics' });
      this.chooser = el('div', { className: 'annotator__popover annotator__chooser', hidden: true }, [
        el('p', { className: 'annotator__title', textContent: L.choose }),
        this.chooserList,
      ]);
      this.chooser.setAttribute('role', 'dialog');

      const topicSelect = el('select', {}, this.config.topics.map((t) => el('option', {
        value: String(t.id), textContent: `${t.name} · ${t.name_en}`,
      })));
      const fields = {
        quote: el('blockquote', { className: 'annotator__quote', lang: 'ar', dir: 'rtl' }),
        meta: el('p', { className: 'annotator__meta' }),
        actions: el('div', { className: 'annotator__actions annotator__review' }),
        topic: topicSelect,
        note: el('textarea', { rows: 3, className: 'annotator__note' }),
        status: el('select', {}),
        save: el('button', { type: 'button', className: 'button default', textContent: L.save }),
        remove: el('button', { type: 'button', className: 'button annotator__delete', textContent: L.delete }),
        close: el('button', { type: 'button', className: 'button', textContent: L.close }),
        history: el('a', { textContent: L.history, className: 'annotator__history' }),
        error: el('p', { className: 'annotator__error', role: 'alert' }),
      };
      fields.note.setAttribute('dir', 'auto');
      this.panelFields = fields;
      const label = (text, control) => el('label', {}, [el('span', { textContent: text }), control]);
      this.panel = el('div', { className: 'annotator__popover annotator__panel', hidden: true, tabIndex: -1 }, [
        fields.quote, fields.meta, fields.actions,
        label(L.topic, fields.topic), label(L.note, fields.note), label(L.status, fields.status),
        el('div', { className: 'annotator__actions' }, [fields.save, fields.remove, fields.close, fields.history]),
        fields.error,
      ]);
      this.panel.setAttribute('role', 'dialog');

      const keys = el('dl', { className: 'annotator__keys' });
      for (const [key, meaning] of this.config.keys) {
        keys.append(el('dt', {}, [el('kbd', { textContent: key })]), el('dd', { textContent: meaning }));
      }
      this.help = el('div', { className: 'annotator__help-overlay', hidden: true, tabIndex: -1 }, [
        el('div', { className: 'annotator__help-box' }, [
          el('h2', { textContent: L.keysTitle }),
          keys,
          el('p', { className: 'annotator__meta', textContent: L.keysHint }),
          el('button', { type: 'button', className: 'button annotator__help-close', textContent: L.close }),
        ]),
      ]);
      this.help.setAttribute('role', 'dialog');
      this.help.setAttribute('aria-label', L.keysTitle);
      this.root.append(this.tooltip, this.picker, this.chooser, this.panel, this.help);
    }

    toggleHelp(show) {
      this.help.hidden = show === undefined ? !this.help.hidden : !show;
      if (!this.help.hidden) this.help.focus({ preventScroll: true });
    }

    // Chromium does not move a selection through text that is not editable by
    // keyboard, so Shift + arrows are done here: the selection grows like a
    // mouse drag, and the topic picker opens on it.
    extendSelection(event) {
      const selection = window.getSelection();
      let inside = selection.rangeCount > 0 && this.text.contains(selection.anchorNode);
      if (!inside && this.text.contains(document.activeElement)) {
        const annotation = this.focused && this.annotations.get(this.focused);
        const point = this.cpToPoint(annotation ? annotation.start : 0, 'start');
        selection.collapse(point.node, point.offset);
        inside = true;
      }
      if (!inside) return false;
      event.preventDefault();
      const [direction, granularity] = SELECT_KEYS[event.key];
      selection.modify('extend', direction, event.ctrlKey && granularity === 'character' ? 'word' : granularity);
      this.openPicker();
      return true;
    }

    onKey(event) {
      if (event.key === 'Escape') {
        this.closePicker();
        this.closePanel();
        this.closeChooser();
        this.toggleHelp(false);
        return;
      }
      if (event.shiftKey && !event.altKey && !event.metaKey && SELECT_KEYS[event.key]) {
        if (this.extendSelection(event)) return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target.closest && target.closest('textarea, input, select, [contenteditable]')) return;
      const key = event.key;
      if (key === '?') {
        event.preventDefault();
        this.toggleHelp();
        return;
      }
      if (/^[1-9]$/.test(key)) {
        const topic = this.config.topics[Number(key) - 1];
        if (!topic) return;
        if (!this.picker.hidden) {
          event.preventDefault();
          this.create(topic.id);
        } else if (this.focused) {
          event.preventDefault();
          this.retag(this.focused, topic.id);
        }
        return;
      }
      if (!this.picker.hidden) return;
      if (key === 'j' || key === 'k') {
        event.preventDefault();
        this.step(key === 'j' ? 1 : -1);
        return;
      }
      const annotation = this.focused && this.annotations.get(this.focused);
      if (!annotation) return;
      if (key === 'Enter' && !target.closest('button, a')) {
        event.preventDefault();
        this.openPanel(annotation.id);
        return;
      }
      const action = (annotation.actions || []).find((a) => a.key === key);
      if (action) {
        event.preventDefault();
        this.act(annotation.id, action.name);
      }
    }

    bind() {
      this.text.addEventListener('mouseup', (event) => {
        const offsets = this.selectionOffsets();
        if (offsets) {
          this.closePanel();
          this.openPicker();
          return;
        }
        const hits = this.annotationsAt(event.clientX, event.clientY);
        const rect = { left: event.clientX, top: event.clientY, bottom: event.clientY };
        if (hits.length > 1) this.openChooser(hits, rect);
        else if (hits.length) this.openPanel(hits[0].id, rect);
      });
      // Keyboard selection (Shift + arrows, wherever the focus is) opens the
      // topic picker like a mouse selection does.
      document.addEventListener('keyup', (event) => {
        if (event.key === 'Shift' || event.shiftKey) {
          if (this.selectionOffsets()) this.openPicker();
        }
      });
      let frame = 0;
      this.text.addEventListener('mousemove', (event) => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          this.showTooltip(this.annotationsAt(event.clientX, event.clientY), event.clientX, event.clientY);
        });
      });
      this.text.addEventListener('mouseleave', () => { this.tooltip.hidden = true; });

      this.picker.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-topic]');
        if (button) this.create(Number(button.dataset.topic));
      });
      this.chooser.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-id]');
        if (button) this.openPanel(Number(button.dataset.id), button.getBoundingClientRect());
      });
      document.addEventListener('keydown', (event) => this.onKey(event));

      this.layerBar.addEventListener('change', (event) => {
        const box = event.target.closest('input[data-layer]');
        if (box) this.setLayer(box.dataset.layer, box.checked);
      });
      this.bulk.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-bulk]');
        if (button) this.actOnShown(button.dataset.bulk);
      });
      this.list.addEventListener('click', (event) => {
        const act = event.target.closest('button[data-action]');
        if (act) {
          this.act(Number(act.dataset.id), act.dataset.action);
          return;
        }
        const button = event.target.closest('button[data-id]');
        if (!button) return;
        const id = Number(button.dataset.id);
        this.focus(id, { scroll: true });
        this.openPanel(id);
      });
      this.list.addEventListener('focusin', (event) => {
        const button = event.target.closest('button.annotator__item[data-id]');
        if (button) this.focus(Number(button.dataset.id));
      });
      this.panelFields.actions.addEventListener('click', (event) => {
        const act = event.target.closest('button[data-action]');
        if (act) this.act(Number(act.dataset.id), act.dataset.action);
      });
      this.panelFields.save.addEventListener('click', () => this.savePanel());
      this.panelFields.remove.addEventListener('click', () => this.deleteFromPanel());
      this.panelFields.close.addEventListener('click', () => this.closePanel());
      this.root.querySelector('.annotator__help-button').addEventListener('click', () => this.toggleHelp());
      this.help.addEventListener('click', (event) => {
        if (event.target === this.help || event.target.closest('.annotator__help-close')) this.toggleHelp(false);
      });
    }
  }

  function init() {
    for (const root of document.querySelectorAll('[data-annotator]')) {
      if (!root.annotator) {
        root.annotator = new Annotator(root);
        // Other layers (the actors' mentions) attach now, before the first paint.
        root.dispatchEvent(new CustomEvent('annotator:ready', { bubbles: true }));
      }
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
