// The fallback when Monaco cannot load (old browser, blocked chunk): one labelled textarea per
// editable file, so a learner can always edit, run and submit.
import type { FileMap } from './files.ts';
import type { WorkspaceEditor } from './editor.ts';

export function createPlainEditor(host: HTMLElement, files: FileMap, onRun: () => void, onSave: () => void): WorkspaceEditor {
  const listeners: ((files: FileMap) => void)[] = [];
  const areas = new Map<string, HTMLTextAreaElement>();
  host.replaceChildren();
  for (const [path, text] of Object.entries(files)) {
    const label = document.createElement('label');
    label.className = 'ws-plain';
    const area = document.createElement('textarea');
    area.value = text;
    area.spellcheck = false;
    area.rows = Math.min(40, Math.max(12, text.split('\n').length + 2));
    area.addEventListener('input', () => {
      const all = read();
      for (const l of listeners) l(all);
    });
    area.addEventListener('keydown', (e) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        onRun();
      } else if (e.key === 's') {
        e.preventDefault();
        onSave();
      }
    });
    label.append(path, area);
    host.append(label);
    areas.set(path, area);
  }
  const read = (): FileMap => Object.fromEntries([...areas].map(([p, a]) => [p, a.value]));
  return {
    getFiles: read,
    setFiles(next) {
      for (const [path, area] of areas) {
        const text = next[path];
        if (typeof text === 'string') area.value = text;
      }
    },
    addReadonlyTab(tab) {
      const label = document.createElement('label');
      label.className = 'ws-plain';
      const area = document.createElement('textarea');
      area.readOnly = true;
      area.value = tab.content;
      area.rows = Math.min(40, tab.content.split('\n').length + 2);
      label.append(tab.label ?? tab.path, area);
      host.append(label);
    },
    onDidChange(listener) {
      listeners.push(listener);
    },
    setScreenReaderMode() {
      // native textareas already work with screen readers
    },
    setTabMovesFocus() {
      // native textareas never trap Tab
    },
    focus() {
      areas.values().next().value?.focus();
    },
  };
}
