/** Chat messages: the lingua franca between every stage and every model. */
export type Role = "system" | "user" | "assistant";

export interface Message {
  role: Role;
  content: string;
}

/** A conversation is an ordered list of messages; the last one is usually the user's turn. */
export type Conversation = Message[];

export const ROLES: readonly Role[] = ["system", "user", "assistant"];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export const user = (content: string): Message => ({ role: "user", content });
export const assistant = (content: string): Message => ({ role: "assistant", content });
export const system = (content: string): Message => ({ role: "system", content });

/** The text of the last user message, or "" when there is none: what a reply should be about. */
export function lastUserText(messages: readonly Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role === "user") return m.content;
  }
  return "";
}
