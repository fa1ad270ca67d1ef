/** Non-fatal findings of one pass, in order; `warn` also hands each to the caller's listener. */
export interface Warnings {
  warnings: string[];
  warn: (message: string) => void;
}

export function collectWarnings(onWarning?: (message: string) => void): Warnings {
  const warnings: string[] = [];
  return {
    warnings,
    warn: (message) => {
      warnings.push(message);
      onWarning?.(message);
    },
  };
}
