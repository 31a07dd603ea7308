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
  const STATUS_ALPHA = { suggested: 0.16, draft: 0.32, approved: 0.45, rejected: 0.08 };

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
      this.installStyles();
      this.buildPopovers();
      this.bind();
      this.render();
      this.focusFromUrl();
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
          if (status === 'suggested') {
            rule += ` text-decoration: underline dashed ${topic.colour};`;
          }
          if (status === 'rejected') rule += ' text-decoration: line-through #999;';
          rules.push(`::highlight(${name}) { ${rule} }`);
        }
      }
      rules.push('::highlight(ann-focus) { background-color: rgb(255 193 7 / 55%); ' +
        'text-decoration: underline solid #000 2px; }');
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(rules.join('\n'));
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }

    paint() {
      if (!this.supported) return;
      for (const name of Array.from(CSS.highlights.keys())) {
        if (name.startsWith('ann-')) CSS.highlights.delete(name);
      }
      const groups = new Map();
      for (const annotation of this.annotations.values()) {
        const range = this.rangeFor(annotation);
        if (!range) continue;
        const name = `ann-${annotation.topic}-${annotation.status}`;
        if (!groups.has(name)) groups.set(name, []);
        groups.get(name).push(range);
      }
      for (const [name, ranges] of groups) CSS.highlights.set(name, new Highlight(...ranges));
      if (this.focused && this.annotations.has(this.focused)) {
        const focus = new Highlight(this.rangeFor(this.annotations.get(this.focused)));
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
      return parts.join(' — ') + (annotation.note ? `\n${annotation.note}` : '');
    }

    renderList() {
      const sorted = Array.from(this.annotations.values()).sort(
        (a, b) => a.start - b.start || a.id - b.id,
      );
      this.list.replaceChildren();
      if (!sorted.length) {
        this.list.append(el('li', { className: 'annotator__empty', textContent: this.labels.none }));
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
        fragment.append(el('li', { id: `annotation-${annotation.id}` }, [button]));
      }
      this.list.append(fragment);
    }

    render() {
      this.paint();
      this.renderList();
    }

    say(message, isError) {
      this.messages.textContent = message;
      this.messages.classList.toggle('annotator__messages--error', Boolean(isError));
    }

    // ---- focus, hover, click ------------------------------------------

    focus(id, { scroll = false, moveFocus = false } = {}) {
      this.focused = id;
      this.paint();
      const annotation = this.annotations.get(id);
      if (!annotation) return;
      if (scroll) {
        const range = this.rangeFor(annotation);
        const rect = range && range.getBoundingClientRect();
        if (rect) window.scrollBy({ top: rect.top - window.innerHeight / 3 });
      }
      if (moveFocus) {
        const item = this.list.querySelector(`button[data-id="${id}"]`);
        if (item) item.focus({ preventScroll: true });
      }
    }

    focusFromUrl() {
      const id = Number(new URLSearchParams(window.location.search).get('annotation'));
      if (id && this.annotations.has(id)) {
        // after layout, so the range has a position
        requestAnimationFrame(() => this.focus(id, { scroll: true, moveFocus: true }));
      }
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
      return Array.from(this.annotations.values())
        .filter((a) => a.start <= cp && cp < a.end)
        .sort((a, b) => (a.end - a.start) - (b.end - b.start));
    }

    showTooltip(annotations, x, y) {
      if (!annotations.length) {
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

    async request(url, payload) {
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          'X-CSRFToken': csrfToken(),
          'X-Requested-With': 'XMLHttpRequest',
        },
        body: JSON.stringify(payload || {}),
      });
      let data = {};
      try {
        data = await response.json();
      } catch (error) {
        data = { error: `${response.status} ${response.statusText}` };
      }
      if (!response.ok) throw new Error(data.error || `${response.status}`);
      return data;
    }

    async create(topicId) {
      if (!this.pending) return;
      const { start, end, quote } = this.pending;
      try {
        const data = await this.request(this.config.urls.create, {
          article: this.config.article,
          topic: topicId,
          start,
          end,
          quote,
          note: this.pickerNote.value,
        });
        const annotation = data.annotation;
        this.annotations.set(annotation.id, annotation);
        this.pickerNote.value = '';
        this.closePicker();
        window.getSelection().removeAllRanges();
        this.focused = annotation.id;
        this.render();
        this.say(this.labels.saved);
      } catch (error) {
        this.pickerError.textContent = `${this.labels.failed} ${error.message}`;
        this.say(`${this.labels.failed} ${error.message}`, true);
      }
    }

    // ---- editing -------------------------------------------------------

    openPanel(id, rect) {
      const annotation = this.annotations.get(id);
      if (!annotation) return;
      this.closePicker();
      this.panelId = id;
      this.focus(id);
      const p = this.panelFields;
      p.quote.textContent = annotation.quote;
      p.meta.textContent = this.describe(annotation);
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
      p.topic.focus({ preventScroll: true });
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
        const data = await this.request(this.config.urls.update.replace('{id}', id), payload);
        this.annotations.set(id, data.annotation);
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
        await this.request(this.config.urls.delete.replace('{id}', id));
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

      const topicSelect = el('select', {}, this.config.topics.map((t) => el('option', {
        value: String(t.id), textContent: `${t.name} · ${t.name_en}`,
      })));
      const fields = {
        quote: el('blockquote', { className: 'annotator__quote', lang: 'ar', dir: 'rtl' }),
        meta: el('p', { className: 'annotator__meta' }),
        topic: topicSelect,
        note: el('textarea', { rows: 3, className: 'annotator__note' }),
        status: el('select', {}),
        save: el('button', { type: 'button', className: 'button default', textContent: L.save }),
        remove: el('button', { type: 'button', className: 'button annotator__delete', textContent: L.delete }),
        close: el('button', { type: 'button', className: 'button', textContent: L.close }),
        history: el('a', { textContent: L.history, className: 'annotator__history' }),
        error: el('p', { className: 'annotator__error', role: 'alert' }),
      };
      this.panelFields = fields;
      const label = (text, control) => el('label', {}, [el('span', { textContent: text }), control]);
      this.panel = el('div', { className: 'annotator__popover annotator__panel', hidden: true }, [
        fields.quote, fields.meta,
        label(L.topic, fields.topic), label(L.note, fields.note), label(L.status, fields.status),
        el('div', { className: 'annotator__actions' }, [fields.save, fields.remove, fields.close, fields.history]),
        fields.error,
      ]);
      this.panel.setAttribute('role', 'dialog');
      this.root.append(this.tooltip, this.picker, this.panel);
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
        if (hits.length) this.openPanel(hits[0].id, { left: event.clientX, top: event.clientY, bottom: event.clientY });
      });
      this.text.addEventListener('keyup', (event) => {
        if (event.shiftKey || event.key === 'Shift') this.openPicker();
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
      document.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          this.closePicker();
          this.closePanel();
          return;
        }
        if (this.picker.hidden || event.target.closest('textarea, input, select')) return;
        const index = Number(event.key) - 1;
        if (Number.isInteger(index) && index >= 0 && index < this.config.topics.length) {
          event.preventDefault();
          this.create(this.config.topics[index].id);
        }
      });

      this.list.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-id]');
        if (!button) return;
        const id = Number(button.dataset.id);
        this.focus(id, { scroll: true });
        this.openPanel(id);
      });
      this.list.addEventListener('focusin', (event) => {
        const button = event.target.closest('button[data-id]');
        if (button) this.focus(Number(button.dataset.id));
      });
      this.panelFields.save.addEventListener('click', () => this.savePanel());
      this.panelFields.remove.addEventListener('click', () => this.deleteFromPanel());
      this.panelFields.close.addEventListener('click', () => this.closePanel());
    }
  }

  function init() {
    for (const root of document.querySelectorAll('[data-annotator]')) {
      if (!root.annotator) root.annotator = new Annotator(root);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
