// "Submit attempt" asks first, in a modal <dialog>: it lists the unanswered questions (each a link
// back to the question) and the tasks without a graded submission, says that submitting is final,
// and starts on "Keep working", so Enter or Escape never submits by accident. Focus returns to the
// button that opened it. The wording is a pure function so it can be tested without a DOM.

export interface OutstandingItems {
  /** Zero-based positions of unanswered questions on the paper. */
  questions: number[];
  /** Names of tasks without a graded submission. */
  tasks: string[];
  flagged: number;
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function outstandingSummary(items: OutstandingItems): string {
  const parts: string[] = [];
  if (items.questions.length) parts.push(`${count(items.questions.length, 'question')} unanswered`);
  if (items.tasks.length) parts.push(`${count(items.tasks.length, 'task')} not submitted`);
  const flagged = items.flagged ? ` ${count(items.flagged, 'question')} still flagged for review.` : '';
  if (parts.length === 0) return `Every question is answered and every task has a graded submission.${flagged}`;
  const total = items.questions.length + items.tasks.length;
  return `You have ${parts.join(' and ')}: ${total === 1 ? 'it scores' : 'they score'} 0 if you submit now.${flagged}`;
}

export interface SubmitDialog {
  /** Opens the dialog; resolves true when the learner confirms, false when they keep working. */
  ask(items: OutstandingItems, opener: HTMLElement | null): Promise<boolean>;
  /** Replaces the task list while the dialog is open (fresh state from the server). */
  updateTasks(tasks: string[]): void;
}

export function createSubmitDialog(dialog: HTMLDialogElement, onGoto: (questionIndex: number) => void): SubmitDialog {
  const summary = dialog.querySelector<HTMLElement>('[data-role="summary"]');
  const questionList = dialog.querySelector<HTMLElement>('[data-role="questions"]');
  const taskList = dialog.querySelector<HTMLElement>('[data-role="tasks"]');
  const cancel = dialog.querySelector<HTMLButtonElement>('[data-role="cancel"]');
  const confirm = dialog.querySelector<HTMLButtonElement>('[data-role="confirm"]');
  let current: OutstandingItems = { questions: [], tasks: [], flagged: 0 };
  let settle: ((ok: boolean) => void) | null = null;
  let opener: HTMLElement | null = null;
  let gotoAfterClose: number | null = null;

  const render = () => {
    if (summary) summary.textContent = outstandingSummary(current);
    if (questionList) {
      questionList.replaceChildren(
        ...current.questions.map((index) => {
          const item = document.createElement('li');
          const go = document.createElement('button');
          go.type = 'button';
          go.className = 'linklike';
          go.textContent = `Question ${index + 1}`;
          go.addEventListener('click', () => {
            gotoAfterClose = index;
            dialog.close('cancel');
          });
          item.append(go);
          return item;
        }),
      );
      questionList.closest<HTMLElement>('section')?.toggleAttribute('hidden', current.questions.length === 0);
    }
    if (taskList) {
      taskList.replaceChildren(
        ...current.tasks.map((name) => {
          const item = document.createElement('li');
          item.textContent = name;
          return item;
        }),
      );
      taskList.closest<HTMLElement>('section')?.toggleAttribute('hidden', current.tasks.length === 0);
    }
  };

  cancel?.addEventListener('click', () => dialog.close('cancel'));
  confirm?.addEventListener('click', () => dialog.close('confirm'));
  // Escape fires "cancel" and closes the dialog with an empty returnValue: treated as keep working.
  dialog.addEventListener('close', () => {
    const ok = dialog.returnValue === 'confirm';
    const resolve = settle;
    settle = null;
    if (!ok) {
      const target = gotoAfterClose;
      gotoAfterClose = null;
      if (target !== null) onGoto(target);
      else opener?.focus();
    }
    resolve?.(ok);
  });

  return {
    ask(items, from) {
      current = { ...items, tasks: [...items.tasks] };
      opener = from;
      gotoAfterClose = null;
      dialog.returnValue = '';
      render();
      if (!dialog.open) dialog.showModal();
      cancel?.focus();
      return new Promise((resolve) => {
        settle = resolve;
      });
    },
    updateTasks(tasks) {
      current = { ...current, tasks: [...tasks] };
      if (dialog.open) render();
    },
  };
}
