// The code half of the workspace: restores the draft, loads the editor on demand (Monaco in its own
// chunk, text areas if it fails), runs tests where choose-runner.ts says (the server until the
// in-browser runner is ready, and again if it fails) and shows that choice next to the buttons, plus
// reset, save, "show solution" and the accessibility switches.
import { baseRunFiles, starterFiles } from './files.ts';
import { chooseInitialDraft, readLocalDraft } from './drafts.ts';
import { exerciseUrls } from '../../lib/contracts/exercise-view.ts';
import { localDraftKey } from './view.ts';
import { createServerRunner } from './server-runner.ts';
import { chooseRunner, describeStatus, type RunnerStatus } from './choose-runner.ts';
import { pageHostWatchEnv, watchRunnerHost } from './runner-host.ts';
import { isAbortError, type RunEvent } from './runner.ts';
import { createTerminal } from './terminal.ts';
import { renderNotice } from './results-view.ts';
import type { WorkspaceEditor } from './editor.ts';
import type { WorkspaceUi } from './workspace-ui.ts';

export function startCode(ui: WorkspaceUi): void {
  const { view } = ui.data;
  const starter = starterFiles(view);
  const initial = chooseInitialDraft(starter, readLocalDraft(ui.storage, localDraftKey(view, ui.data.userId)), view.draft);
  const saveNote = ui.byId('ws-save');
  if (saveNote && initial.source !== 'starter' && initial.updatedAt) {
    saveNote.textContent = `Restored your draft from ${initial.source === 'local' ? 'this browser' : 'your account'} (${new Date(initial.updatedAt).toLocaleString()})`;
  }
  const host = ui.byId('ws-editor');
  const tabList = ui.byId('ws-tabs');
  const runnerNote = ui.byId('ws-runner-note');
  const progress = ui.byId('ws-progress');
  const bar = progress?.querySelector<HTMLElement>('span');
  const terminalOut = ui.byId('ws-terminal-out');
  const terminalBox = ui.byId<HTMLDetailsElement>('ws-terminal');
  const terminal = terminalOut ? createTerminal(terminalOut) : null;
  if (!host || !tabList) return;
  let editor: WorkspaceEditor | null = null;
  let restoring = false;
  const files = () => editor?.getFiles() ?? initial.files;
  const server = createServerRunner({ runUrl: exerciseUrls(view.id, view.attemptId).run });
  const runners = chooseRunner({
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    online: navigator.onLine,
    loadWebContainer: () => import('@webcontainer/api').then((m) => m.WebContainer),
    baseFiles: baseRunFiles(view),
    server,
    coep: ui.data.coep,
    watchBoot: () => watchRunnerHost(pageHostWatchEnv(document, window)),
    onOffline(listener) {
      window.addEventListener('offline', listener);
      return () => window.removeEventListener('offline', listener);
    },
    memory: sessionStore(),
  });
  const showStatus = (status: RunnerStatus) => {
    if (!runnerNote) return;
    const { label, detail } = describeStatus(status);
    runnerNote.dataset['state'] = status.state;
    const strong = document.createElement('strong');
    strong.textContent = label;
    const why = document.createElement('span');
    why.className = 'ws-runner-why';
    why.textContent = detail;
    runnerNote.replaceChildren(strong, label.endsWith('…') ? ' ' : ': ', why);
  };
  showStatus(runners.status());
  runners.onChange(showStatus);

  const onEvent = (e: RunEvent) => {
    if (e.type === 'output') {
      terminal?.write(e.text);
      if (terminalBox) terminalBox.hidden = false;
    } else if (e.type === 'phase') {
      if (runnerNote) runnerNote.dataset['phase'] = e.phase;
      ui.results.querySelector('.ws-pending')?.replaceChildren(e.message);
    } else if (progress && bar) {
      progress.hidden = false;
      progress.classList.toggle('indeterminate', e.fraction === null);
      bar.style.width = e.fraction === null ? '' : `${Math.round(e.fraction * 100)}%`;
      if (e.fraction === null) progress.removeAttribute('aria-valuenow');
      else progress.setAttribute('aria-valuenow', String(Math.round(e.fraction * 100)));
    }
  };

  const runTests = async (from: 'button' | 'editor') => {
    terminal?.clear();
    // whatever is ready now: a boot still in progress never holds a run up
    const first = runners.current();
    const label = first.kind === 'webcontainer' ? 'Running the visible tests in your browser…' : 'Running the visible tests on the server…';
    const result = await ui.busy(
      label,
      async (signal) => {
        try {
          return { result: await first.run(files(), signal, onEvent), kind: first.kind };
        } catch (error) {
          if (first.kind !== 'webcontainer' || isAbortError(error)) throw error;
          runners.fail(error);
          const fallback = runners.current();
          return { result: await fallback.run(files(), signal, onEvent), kind: fallback.kind };
        } finally {
          if (progress) progress.hidden = true;
        }
      },
      { focusResult: from === 'button' },
    );
    if (result) ui.show(result.result, result.kind === 'webcontainer' ? 'browser' : 'server-run', { focus: from === 'button' });
  };
  const save = () => {
    ui.drafts.update(files());
    void ui.drafts.flush();
  };
  const submit = () => ui.submit({ files: files() });

  const tabs = [
    ...view.editable.map((f) => ({ path: f.path, runPath: `starter/${f.path}`, content: initial.files[f.path] ?? f.content, editable: true })),
    ...view.readonly.map((f) => ({ path: f.path, runPath: `starter/${f.path}`, content: f.content, editable: false })),
    ...view.visibleTests.map((f) => ({ path: f.path, runPath: f.path, content: f.content, editable: false })),
  ];
  const attach = (e: WorkspaceEditor) => {
    editor = e;
    e.onDidChange((current) => {
      if (!restoring) ui.drafts.update(current);
    });
    host.dataset['ready'] = 'true';
    for (const b of ui.root.querySelectorAll<HTMLButtonElement>('[data-ws-action]')) b.disabled = false;
    wireAccessibility(ui, e);
    // Boot the in-browser runner while the learner reads (runs meanwhile go to the server).
    setTimeout(() => runners.start(), 500);
  };
  import('./editor.ts')
    .then(({ createWorkspaceEditor }) => attach(createWorkspaceEditor({ host, tabList, tabs, reference: view.reference, onRun: () => void runTests('editor'), onSave: save })))
    .catch(async (error: unknown) => {
      console.warn('[practicum] the code editor could not load; using plain text areas', error);
      const { createPlainEditor } = await import('./plain-editor.ts');
      attach(createPlainEditor(host, initial.files, () => void runTests('editor'), save));
    });

  ui.byId('run-tests-button')?.addEventListener('click', () => void runTests('button'));
  ui.byId('submit-button')?.addEventListener('click', () => void submit());
  ui.byId('ws-reset')?.addEventListener('click', () => {
    if (!editor || !window.confirm('Reset your files to the starter code? Your saved draft will be deleted.')) return;
    restoring = true;
    editor.setFiles(starter);
    restoring = false;
    void ui.drafts.clear();
    if (saveNote) saveNote.textContent = 'Reset to the starter code';
  });
  ui.byId('ws-solution')?.addEventListener('click', () => void showSolution(ui, () => editor));
  ui.root.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || host.contains(e.target as Node)) return; // the editor handles its own keys
    if (e.key === 'Enter') {
      e.preventDefault();
      void runTests('button');
    } else if (e.key === 's') {
      e.preventDefault();
      save();
    }
  });
}

async function showSolution(ui: WorkspaceUi, editor: () => WorkspaceEditor | null): Promise<void> {
  if (!window.confirm('Show the reference solution? Opening it is recorded and visible to your instructor.')) return;
  const res = await fetch(exerciseUrls(ui.data.view.id, null).solution, { method: 'POST', credentials: 'same-origin' });
  const body = (await res.json().catch(() => null)) as { files?: Record<string, string>; error?: { message?: string } } | null;
  if (!res.ok || !body?.files) {
    renderNotice(ui.results, body?.error?.message ?? 'The solution is not available yet.');
    return;
  }
  for (const [path, content] of Object.entries(body.files)) {
    editor()?.addReadonlyTab({ path: `solution/${path}`, runPath: `solution/${path}`, content, editable: false, label: `Solution: ${path}` });
  }
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function wireAccessibility(ui: WorkspaceUi, editor: WorkspaceEditor): void {
  const toggles: [string, string, (on: boolean) => void][] = [
    ['ws-screen-reader', 'practicum-editor-screen-reader', (on) => editor.setScreenReaderMode(on)],
    ['ws-tab-focus', 'practicum-editor-tab-focus', (on) => editor.setTabMovesFocus(on)],
  ];
  for (const [id, key, apply] of toggles) {
    const box = ui.byId<HTMLInputElement>(id);
    if (!box) continue;
    box.checked = ui.storage?.getItem(key) === 'on';
    apply(box.checked);
    box.addEventListener('change', () => {
      apply(box.checked);
      try {
        ui.storage?.setItem(key, box.checked ? 'on' : 'off');
      } catch {
        // the choice lasts for this page only
      }
    });
  }
}

