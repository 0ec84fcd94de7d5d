import { createContext, useContext, useEffect, useId, useRef, useState, type FormEvent, type FormHTMLAttributes, type ReactNode } from 'react';

/**
 * A form that sends once: while its `onSubmit` runs (the server's answer, a confirmation dialog),
 * another submit is ignored, even a second click in the same instant, before React has re-rendered
 * a disabled button. `aria-busy` says so to assistive technology.
 */
export function Form({ onSubmit, children, ...attributes }: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit: (event: FormEvent<HTMLFormElement>) => unknown }) {
  const sending = useRef(false);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      {...attributes}
      aria-busy={busy || undefined}
      onSubmit={async (event) => {
        event.preventDefault();
        if (sending.current) return;
        sending.current = true;
        setBusy(true);
        try {
          await onSubmit(event);
        } finally {
          sending.current = false;
          setBusy(false);
        }
      }}
    >
      {children}
    </form>
  );
}

/** What a confirmation dialog asks: the action, and the consequence it cannot take back. */
export interface Question {
  title: string;
  consequence: string;
  confirm: string;
}

/**
 * A confirmation before an irreversible or destructive action: a modal dialog (the browser's
 * `<dialog>`: focus kept inside, Échap cancels) naming the consequence, "Annuler" focused first.
 * `ask` resolves true only when the person confirms.
 */
export function useConfirm(): [ReactNode, (question: Question) => Promise<boolean>] {
  const [pending, setPending] = useState<(Question & { resolve: (yes: boolean) => void }) | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    if (pending && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [pending]);
  const answer = (yes: boolean) => {
    dialog.current?.close();
    pending?.resolve(yes);
    setPending(null);
  };
  const element = pending && (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-consequence`}
      onCancel={(event) => {
        event.preventDefault();
        answer(false);
      }}
    >
      <h2 id={`${id}-title`}>{pending.title}</h2>
      <p id={`${id}-consequence`}>{pending.consequence}</p>
      <div className="buttons">
        <button type="button" autoFocus onClick={() => answer(false)}>
          Annuler
        </button>
        <button type="button" className="danger" onClick={() => answer(true)}>
          {pending.confirm}
        </button>
      </div>
    </dialog>
  );
  return [element, (question) => new Promise<boolean>((resolve) => setPending({ ...question, resolve }))];
}

/**
 * What a form on a page of actions calls once its change is saved: the page says so, closes the
 * form (so a second click cannot send it again) and shows what changed, without a reload.
 */
export const ActionDone = createContext<(message: string) => void>(() => undefined);

export function useDone(): (message: string) => void {
  return useContext(ActionDone);
}

export interface Action {
  key: string;
  label: string;
  form: ReactNode;
}

/**
 * The actions a page offers beside its next step, folded: one button opens the list, a choice
 * opens that action's form (one at a time), "Fermer" folds it again.
 */
export function ActionMenu({ actions, open, onOpen }: { actions: Action[]; open: string | null; onOpen: (key: string | null) => void }) {
  const [listed, setListed] = useState(false);
  const id = useId();
  if (actions.length === 0) return null;
  const chosen = actions.find((action) => action.key === open);
  return (
    <div className="action-menu">
      <button type="button" aria-expanded={listed} aria-controls={`${id}-list`} onClick={() => setListed(!listed)}>
        Autres actions <span aria-hidden="true">{listed ? '▴' : '▾'}</span>
      </button>
      <ul id={`${id}-list`} hidden={!listed}>
        {actions.map((action) => (
          <li key={action.key}>
            <button
              type="button"
              className="link"
              aria-current={action.key === open || undefined}
              onClick={() => {
                onOpen(action.key);
                setListed(false);
              }}
            >
              {action.label}
            </button>
          </li>
        ))}
      </ul>
      {chosen && (
        <div className="action-open">
          {chosen.form}
          <button type="button" className="link" onClick={() => onOpen(null)}>
            Fermer « {chosen.label} »
          </button>
        </div>
      )}
    </div>
  );
}
