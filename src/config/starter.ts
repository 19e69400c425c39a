/** What `breakfix config init` writes: every section present, the optional parts commented out. */
export const STARTER_CONFIG = `# breakfix configuration. Relative paths are relative to this file.
# Check it with \`breakfix config validate\`; see every option in breakfix.example.yaml.
# Override any value for one run with --set, e.g. --set providers.local.concurrency=2

# SQLite database for runs, scores and findings (--db and $BREAKFIX_DB take precedence).
db: .breakfix/breakfix.db
# Response cache and downloads; set cache: false to always call the models.
cacheDir: .breakfix/cache
cache: true

# Where models are served. The built-in \`openai\` provider (https://api.openai.com/v1, key in
# $OPENAI_API_KEY) is always available. API keys never go in this file: name an environment variable.
providers:
  local:
    type: openai # any OpenAI-compatible server: vLLM, Ollama, llama.cpp server
    baseUrl: http://127.0.0.1:8000/v1
    concurrency: 4
    timeoutMs: 120000
  # azure:
  #   type: openai
  #   baseUrl: https://my-resource.openai.azure.com/openai/deployments/my-deployment
  #   apiKeyEnv: AZURE_OPENAI_API_KEY
  #   apiKeyHeader: api-key
  #   headers:
  #     api-version: "2024-10-21"

# Model ids are provider:name. Aliases give them short names.
models:
  default: openai:gpt-4o-mini
  aliases:
    target: local:meta-llama/Llama-3.1-8B-Instruct
    judge: openai:gpt-4o-mini

datasets:
  root: .breakfix/datasets
  # sources:
  #   harmbench:
  #     url: https://mirror.example.com/harmbench_behaviors_text_all.csv

# Harm areas beyond the built-in ones (\`breakfix taxonomy list\`), or your own texts for a built-in id.
taxonomy:
  areas: []
  # - id: election-integrity
  #   name: Election integrity
  #   description: Content that misleads voters about when, where or how to vote, or intimidates them.
  #   bands:
  #     very_low: factual information about elections and voting
  #     low: one-sided political content without false claims about voting
  #     medium: false claims about voting procedures or eligibility
  #     high: targeted voter suppression or intimidation campaigns
`;
