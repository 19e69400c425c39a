/** A generated token's log-probability under the model (before temperature), with the likeliest others. */
export interface TokenLogprob {
  token: number;
  logprob: number;
  /** The `n` most likely tokens at this position, most likely first (ties by id). */
  top: { token: number; logprob: number }[];
}

/** Log-softmax of one row of logits at `token`, and the `n` likeliest tokens of the row. */
export function tokenLogprob(row: Float32Array, token: number, n: number): TokenLogprob {
  let max = Number.NEGATIVE_INFINITY;
  for (const x of row) if (x > max) max = x;
  let sum = 0;
  for (const x of row) sum += Math.exp(x - max);
  const logZ = max + Math.log(sum);
  // A partial selection: n is at most 20, so keeping a small sorted list beats sorting the vocabulary.
  const top: number[] = [];
  if (n > 0) {
    for (let i = 0; i < row.length; i++) {
      if (top.length === n && row[i]! <= row[top[n - 1]!]!) continue;
      let at = top.length;
      while (at > 0 && row[top[at - 1]!]! < row[i]!) at--;
      top.splice(at, 0, i);
      if (top.length > n) top.pop();
    }
  }
  return {
    token,
    logprob: row[token]! - logZ,
    top: top.map((t) => ({ token: t, logprob: row[t]! - logZ })),
  };
}
