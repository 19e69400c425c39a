/** One bad input: `setup` writes its files into the case folder and returns the command and what the line must name. */
export interface BadInput {
  name: string;
  setup(dir: string): { argv: string[]; names: string };
}
