// The Monaco editor of the workspace: one model per file (so imports between the learner's files,
// the visible tests and the reference library type-check), tabs for editable and read-only files,
// a theme that follows the site, Ctrl/Cmd+Enter and Ctrl/Cmd+S, and accessibility switches.
// Loaded with a dynamic import from workspace.ts, so Monaco's code is fetched only on exercise pages.
import { configureTypeScript, monaco } from './monaco-setup.ts';
import { modelUri, type FileMap } from './files.ts';
import type { ReferenceLibrarySource } from '../../lib/contracts/exercise-view.ts';

export interface EditorTab {
  /** Path as the learner knows it (relative to starter/ for their files, e.g. "src/project.ts"). */
  path: string;
  /** Path in the run layout ("starter/src/project.ts", "tests/visible/x.test.ts"). */
  runPath: string;
  content: string;
  editable: boolean;
  label?: string;
}

export interface WorkspaceEditor {
  /** Current text of every editable file. */
  getFiles(): FileMap;
  /** Replaces the editable files' text (restore, reset, solution). */
  setFiles(files: FileMap): void;
  /** Adds (or replaces) a read-only tab, e.g. the reference solution. */
  addReadonlyTab(tab: EditorTab): void;
  onDidChange(listener: (files: FileMap) => void): void;
  setScreenReaderMode(on: boolean): void;
  setTabMovesFocus(on: boolean): void;
  focus(): void;
}

export interface EditorOptions {
  host: HTMLElement;
  tabList: HTMLElement;
  tabs: EditorTab[];
  reference: ReferenceLibrarySource;
  onRun(): void;
  onSave(): void;
}

function prefersDark(): boolean {
  const explicit = document.documentElement.dataset['theme'];
  if (explicit === 'dark' || explicit === 'light') return explicit === 'dark';
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Monaco's dark theme with comments readable on its background (its own green reaches only 4.2:1; WCAG asks 4.5:1). */
const DARK_THEME = 'practicum-dark';

function followSiteTheme(): void {
  monaco.editor.defineTheme(DARK_THEME, { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '6a9955' }], colors: {} });
  const apply = () => monaco.editor.setTheme(prefersDark() ? DARK_THEME : 'vs');
  apply();
  document.addEventListener('practicum:theme', apply);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
}

export function createWorkspaceEditor(opts: EditorOptions): WorkspaceEditor {
  configureTypeScript(opts.reference);
  const tabs: { tab: EditorTab; model: monaco.editor.ITextModel; button: HTMLButtonElement; state: monaco.editor.ICodeEditorViewState | null }[] = [];
  const listeners: ((files: FileMap) => void)[] = [];
  let current = 0;

  opts.host.replaceChildren();
  const editor = monaco.editor.create(opts.host, {
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    tabSize: 2,
    fixedOverflowWidgets: true,
    // Monaco dims the final newline's line number on Linux, below WCAG contrast (1.75:1): show it plainly
    renderFinalNewline: 'on',
    ariaLabel: 'Code editor',
  });
  followSiteTheme();

  const getFiles = (): FileMap => Object.fromEntries(tabs.filter((t) => t.tab.editable).map((t) => [t.tab.path, t.model.getValue()]));

  const select = (index: number, focus = false) => {
    const entry = tabs[index];
    if (!entry) return;
    const previous = tabs[current];
    if (previous) previous.state = editor.saveViewState();
    current = index;
    editor.setModel(entry.model);
    if (entry.state) editor.restoreViewState(entry.state);
    editor.updateOptions({ readOnly: !entry.tab.editable, ariaLabel: `${entry.tab.editable ? 'Editing' : 'Read-only'}: ${entry.tab.path}` });
    tabs.forEach((t, i) => {
      t.button.setAttribute('aria-selected', String(i === index));
      t.button.tabIndex = i === index ? 0 : -1;
    });
    if (focus) editor.focus();
  };

  const addTab = (tab: EditorTab): void => {
    const uri = monaco.Uri.parse(modelUri(tab.runPath));
    const existing = tabs.findIndex((t) => t.tab.runPath === tab.runPath);
    if (existing >= 0) {
      const entry = tabs[existing];
      if (entry) {
        entry.model.setValue(tab.content);
        select(existing);
      }
      return;
    }
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(tab.content, 'typescript', uri);
    model.setValue(tab.content);
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('role', 'tab');
    button.className = 'ws-tab';
    button.textContent = tab.label ?? tab.path;
    if (!tab.editable) {
      const lock = document.createElement('span');
      lock.className = 'ws-tab-ro';
      lock.textContent = ' (read-only)';
      button.append(lock);
    }
    const index = tabs.length;
    button.addEventListener('click', () => select(index, true));
    tabs.push({ tab, model, button, state: null });
    opts.tabList.append(button);
    if (tab.editable) {
      model.onDidChangeContent(() => {
        const files = getFiles();
        for (const l of listeners) l(files);
      });
    }
  };

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab leaves the tab list.
  opts.tabList.setAttribute('role', 'tablist');
  opts.tabList.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = (current + (e.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length;
    select(next);
    tabs[next]?.button.focus();
  });

  for (const tab of opts.tabs) addTab(tab);
  select(0);

  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onRun());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => opts.onSave());

  return {
    getFiles,
    setFiles(files) {
      for (const t of tabs) {
        const text = files[t.tab.path];
        if (t.tab.editable && typeof text === 'string' && t.model.getValue() !== text) {
          // pushEditOperations keeps undo history, so a reset or a restored draft can be undone.
          t.model.pushEditOperations([], [{ range: t.model.getFullModelRange(), text }], () => null);
        }
      }
    },
    addReadonlyTab(tab) {
      addTab({ ...tab, editable: false });
      const index = tabs.findIndex((t) => t.tab.runPath === tab.runPath);
      select(index);
    },
    onDidChange(listener) {
      listeners.push(listener);
    },
    setScreenReaderMode(on) {
      editor.updateOptions({ accessibilitySupport: on ? 'on' : 'auto' });
    },
    setTabMovesFocus(on) {
      editor.updateOptions({ tabFocusMode: on });
    },
    focus() {
      editor.focus();
    },
  };
}
