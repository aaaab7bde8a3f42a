// The state of a form: values, inline messages (client checks first, then the API's problem details per
// field), a message above the form for problems no field shows, and busy while submitting.
import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api/problem";
import { errorText, fieldErrorTexts } from "../components/feedback";
import { fieldMessage, matchFields, type Message } from "./validation";

export interface FormSpec<V extends Record<string, unknown>> {
  initial: V;
  /** Client-side checks: a message per failing field (keys may be the API's dotted field names). */
  validate?: (values: V) => Partial<Record<string, Message>>;
  submit: (values: V) => Promise<void>;
}

export function useForm<V extends Record<string, unknown>>(spec: FormSpec<V>) {
  const { t } = useTranslation();
  const current = useRef(spec);
  current.current = spec;
  const [values, setValues] = useState<V>(spec.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof V & string>(name: K, value: V[K]) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    setErrors((previous) => {
      const kept = Object.entries(previous).filter(([field]) => field !== name && !field.startsWith(name + "."));
      return kept.length === Object.keys(previous).length ? previous : Object.fromEntries(kept);
    });
  };

  const onSubmit = async (event?: FormEvent) => {
    event?.preventDefault();
    setAlert(null);
    const checked = Object.entries(current.current.validate?.(values) ?? {}).flatMap(([field, message]) =>
      message ? [[field, t(message.key, message.values)] as const] : [],
    );
    if (checked.length) {
      setErrors(Object.fromEntries(checked));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await current.current.submit(values);
    } catch (error) {
      const fields = isApiError(error) ? fieldErrorTexts(error, t) : {};
      const { shown, other } = matchFields(fields, Object.keys(current.current.initial));
      setErrors(shown);
      if (other.length) setAlert(other.join(" "));
      else if (!Object.keys(shown).length) setAlert(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return {
    values,
    set,
    busy,
    alert,
    errors,
    error: (name: keyof V & string) => fieldMessage(errors, name),
    /** value, onChange and error of a text field, to spread onto a Mantine input. */
    text: (name: keyof V & string) => ({
      value: values[name] as string,
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(name, event.currentTarget.value as V[typeof name]),
      error: fieldMessage(errors, name),
    }),
    onSubmit,
    /** For the <form>: our checks and messages replace the browser's. */
    props: { onSubmit, noValidate: true },
    reset: (next: V = current.current.initial) => {
      setValues(next);
      setErrors({});
      setAlert(null);
    },
  };
}

export type Form<V extends Record<string, unknown>> = ReturnType<typeof useForm<V>>;
