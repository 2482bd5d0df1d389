/** Values that fill `{name}` placeholders of a message. */
export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; unknown names stay visible so a missing parameter is noticed. */
export function formatMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
