// The code half of the workspace: restores the draft, loads the editor on demand (Monaco in its own
// chunk, text areas if it fails), picks where "Run tests" runs and falls back to the server when the
// in-browser runner fails, plus reset, save, "show solution" and the accessibility switches.
import { baseRunFiles, starterFiles } from './files.ts';
import { chooseInitialDraft, readLocalDraft } from './drafts.ts';
import { exerciseUrls } from '../../lib/contracts/exercise-view.ts';
import { localDraftKey } from './view.ts';
import { createServerRunner } from './server-runner.ts';
import { chooseRunner, fallbackAfterFailure, type RunnerChoice } from './choose-runner.ts';
import { abortError, isAbortError, type RunEvent } from './runner.ts';
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
  let choice: Promise<RunnerChoice> | null = null;

  const pickRunner = (): Promise<RunnerChoice> => {
    if (!choice && runnerNote) runnerNote.textContent = 'Checking whether the tests can run in your browser…';
    choice ??= chooseRunner({
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      online: navigator.onLine,
      loadWebContainer: () => import('@webcontainer/api').then((m) => m.WebContainer),
      baseFiles: baseRunFiles(view),
      server,
      coep: ui.data.coep,
    }).then((c) => {
      if (runnerNote) runnerNote.textContent = c.reason;
      return c;
    });
    return choice;
  };

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

  const runTests = async () => {
    terminal?.clear();
    const result = await ui.busy('Preparing the test run (the server takes over if your browser cannot run it)…', async (signal) => {
      // Cancel must work while the in-browser runner is still deciding whether it can boot.
      const cancelled = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(abortError()), { once: true }));
      let { runner } = await Promise.race([pickRunner(), cancelled]);
      try {
        return { result: await runner.run(files(), signal, onEvent), kind: runner.kind };
      } catch (error) {
        if (runner.kind !== 'webcontainer' || isAbortError(error)) throw error;
        const fallback = fallbackAfterFailure(server, error);
        choice = Promise.resolve(fallback);
        if (runnerNote) runnerNote.textContent = fallback.reason;
        runner = fallback.runner;
        return { result: await runner.run(files(), signal, onEvent), kind: runner.kind };
      } finally {
        if (progress) progress.hidden = true;
      }
    });
    if (result) ui.show(result.result, result.kind === 'webcontainer' ? 'browser' : 'server-run');
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
    // Boot the in-browser runner while the learner reads, not when they first click.
    setTimeout(() => void pickRunner(), 500);
  };
  import('./editor.ts')
    .then(({ createWorkspaceEditor }) => attach(createWorkspaceEditor({ host, tabList, tabs, reference: view.reference, onRun: () => void runTests(), onSave: save })))
    .catch(async (error: unknown) => {
      console.warn('[practicum] the code editor could not load; using plain text areas', error);
      const { createPlainEditor } = await import('./plain-editor.ts');
      attach(createPlainEditor(host, initial.files, () => void runTests(), save));
    });

  ui.byId('run-tests-button')?.addEventListener('click', () => void runTests());
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
      void runTests();
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

