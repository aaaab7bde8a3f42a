import { createContext, useContext } from "react";
import type { Locale } from "../../api/types";
import type { GraphVariables } from "../../catalog/variables";

export interface FormEnv {
  locale: Locale;
  readOnly: boolean;
  /** The message to show under the field at this parameter path (client check first, then the server's). */
  errorAt(path: string): string | undefined;
  /** flow.* and contact.* names of the graph, computed when a variable menu opens. */
  graphVariables(): GraphVariables;
  /** The flow being edited (a subflow may not pick it). */
  flowId: string;
}

export const FormEnvContext = createContext<FormEnv | null>(null);

export function useFormEnv(): FormEnv {
  const env = useContext(FormEnvContext);
  if (!env) throw new Error("FormEnvContext missing");
  return env;
}
