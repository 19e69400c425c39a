import type { ChatModel, Plugin } from "../core/index.js";
import type { ProviderSettings } from "./provider-config.js";

/** What a provider kind gets when the resolver instantiates one named provider (once per resolver). */
export interface ProviderInit<C extends ProviderSettings = ProviderSettings> {
  /** The provider's name as addressed in model ids (`openai`, `vllm`, `mock`). */
  name: string;
  config: C;
  /** Environment to read API keys from, at call time. */
  env: Record<string, string | undefined>;
  /** Working directory that relative model paths (`gguf:./m.gguf`, `engine:./ckpt`) resolve against. */
  cwd?: string;
}

/** One instantiated provider: hands out bare models (the resolver adds the standard middleware). */
export interface Provider {
  /** The bare model `<provider>:<name>`; throws BreakfixError NOT_FOUND for a name this kind cannot serve. */
  model(name: string): ChatModel;
  /** Releases sockets, workers or native handles. */
  close?(): Promise<void>;
}

/**
 * A kind of provider (`openai`, `mock`; later `engine`, `gguf`) as a plugin. A configured provider names its
 * kind with `type:`; a provider named like a kind works with no config at all, using `defaults`.
 */
export interface ProviderKind<C extends ProviderSettings = ProviderSettings> extends Plugin {
  /** Settings of the implicit provider named like this kind (e.g. `openai:` without config). */
  readonly defaults: C;
  /** Whether `breakfix models list` should show the implicit provider as available (false for mocks). */
  readonly listed: boolean;
  create(init: ProviderInit<C>): Provider;
}
