'use strict';
/*
 * The annotator's second layer: the actors named in the article.
 *
 * Painted with the CSS Custom Highlight API like the topics, in another style
 * (an underline, never a background), under the name "mention" (ambiguous
 * ones: "mention-ambiguous"). Offsets are code points, converted by the
 * annotator's own rangeFor(). A checkbox shows or hides the layer (kept in
 * localStorage); with a selection, "Add as alias" adds the passage as a
 * spelling of the chosen actor.
 */
(function () {
  const STORAGE_KEY = 'archive.mentions.visible';
  // URLs and labels ride on this script's own tag (actors.admin.mentions_layer_media).
  const CONFIG = JSON.parse(document.currentScript.dataset.config);

  function csrfToken() {
    const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (input) return input.value;
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  class MentionsLayer {
    constructor(root, annotator) {
      this.root = root;
      this.annotator = annotator;
      this.urls = {
        mentions: CONFIG.mentions.replace('{id}', annotator.config.article),
        addAlias: CONFIG.addAlias,
      };
      this.labels = CONFIG.labels;
      this.visible = localStorage.getItem(STORAGE_KEY) !== '0';
      this.mentions = [];
      this.supported = typeof CSS !== 'undefined' && 'highlights' in CSS;
      this.build();
      // Embedded in the page (actors.admin.mentions_layer_data), so the bar is
      // laid out with the text; read from its endpoint after a change.
      const embedded = document.getElementById('mentions-layer-data');
      if (embedded) this.show(JSON.parse(embedded.textContent));
    }

    build() {
      const bar = document.createElement('div');
      bar.className = 'mentions-layer';
      bar.hidden = true; // shown with the mentions (staff who may view them)
      this.bar = bar;
      const label = document.createElement('label');
      this.toggle = document.createElement('input');
      this.toggle.type = 'checkbox';
      this.toggle.checked = this.visible;
      this.toggle.className = 'mentions-layer__toggle';
      label.append(this.toggle, ' ', this.labels.show);
      this.summary = document.createElement('span');
      this.summary.className = 'mentions-layer__summary';
      this.aliasForm = document.createElement('span');
      this.aliasForm.className = 'mentions-layer__alias';
      this.actorInput = document.createElement('input');
      this.actorInput.setAttribute('list', 'mentions-layer-actors');
      this.actorInput.placeholder = this.labels.actor;
      this.actorInput.className = 'mentions-layer__actor';
      this.actorList = document.createElement('datalist');
      this.actorList.id = 'mentions-layer-actors';
      this.addButton = document.createElement('button');
      this.addButton.type = 'button';
      this.addButton.className = 'mentions-layer__add';
      this.addButton.textContent = this.labels.addAlias;
      this.aliasForm.append(this.actorInput, this.actorList, this.addButton);
      this.aliasForm.hidden = true;
      bar.append(label, this.summary, this.aliasForm);
      const help = this.root.querySelector('.annotator__help');
      (help || this.root.firstChild).after(bar);
      this.toggle.addEventListener('change', () => {
        this.visible = this.toggle.checked;
        localStorage.setItem(STORAGE_KEY, this.visible ? '1' : '0');
        this.paint();
      });
      this.addButton.addEventListener('click', () => this.addAlias());
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(
        '::highlight(mention) { text-decoration: underline 2px solid #6a1b9a; ' +
          'text-underline-offset: 0.35em; }\n' +
          '::highlight(mention-ambiguous) { text-decoration: underline 2px dotted #c62828; ' +
          'text-underline-offset: 0.35em; }'
      );
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }

    async load() {
      const response = await fetch(this.urls.mentions, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      this.show(await response.json());
    }

    show(data) {
      this.bar.hidden = false;
      this.mentions = data.mentions;
      this.actorList.replaceChildren(
        ...data.actors.map((actor) => {
          const option = document.createElement('option');
          option.value = actor.slug;
          option.label = actor.name;
          return option;
        })
      );
      this.aliasForm.hidden = data.actors.length === 0;
      const names = new Map();
      for (const m of this.mentions) names.set(m.name, (names.get(m.name) || 0) + 1);
      this.summary.textContent = Array.from(names, ([name, n]) => `${name} ×${n}`).join(' · ');
      this.summary.dir = 'rtl';
      this.paint();
    }

    paint() {
      if (!this.supported) return;
      CSS.highlights.delete('mention');
      CSS.highlights.delete('mention-ambiguous');
      if (!this.visible) return;
      const named = [];
      const ambiguous = [];
      for (const m of this.mentions) {
        const range = this.annotator.rangeFor(m);
        if (range) (m.actor ? named : ambiguous).push(range);
      }
      if (named.length) CSS.highlights.set('mention', new Highlight(...named));
      if (ambiguous.length) CSS.highlights.set('mention-ambiguous', new Highlight(...ambiguous));
    }

    selectedText() {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0) return '';
      const range = selection.getRangeAt(0);
      if (!this.annotator.text.contains(range.commonAncestorContainer)) return '';
      return selection.toString().trim();
    }

    async addAlias() {
      const text = this.selectedText();
      const messages = this.root.querySelector('.annotator__messages');
      if (!text) {
        messages.textContent = this.labels.selectFirst;
        return;
      }
      const response = await fetch(this.urls.addAlias, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrfToken() },
        body: JSON.stringify({ actor: this.actorInput.value.trim(), text }),
      });
      const data = await response.json();
      if (response.ok) {
        messages.textContent = `${this.labels.added} ${data.alias} → ${data.actor}`;
        this.load();
      } else {
        messages.textContent = Object.values(data.errors || {}).flat().join(' ');
      }
    }
  }

  function attach(root) {
    if (root.annotator && !root.mentionsLayer) {
      root.mentionsLayer = new MentionsLayer(root, root.annotator);
    }
  }

  // As each annotator starts (in the same task, so before the first paint),
  // and for any that started before this script ran.
  document.addEventListener('annotator:ready', (event) => attach(event.target));
  for (const root of document.querySelectorAll('[data-annotator]')) attach(root);
})();
