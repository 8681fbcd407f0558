// The new-cohort form asks for the chosen program's session dates only: the server renders one set of
// date fields per program (all visible without JavaScript); this shows the chosen program's set, makes
// its dates required, and hides and disables the others so they are neither validated nor sent.
export function followChosenProgram(form: HTMLFormElement): void {
  const select = form.querySelector<HTMLSelectElement>('select[name="program"]');
  const sets = [...form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-program]')];
  if (!select || sets.length === 0) return;
  const apply = () => {
    for (const set of sets) {
      const chosen = set.dataset['program'] === select.value;
      set.hidden = !chosen;
      set.disabled = !chosen;
      for (const input of set.querySelectorAll('input')) input.required = chosen;
    }
  };
  select.addEventListener('change', apply);
  apply();
}
