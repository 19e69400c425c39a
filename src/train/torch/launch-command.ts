import { BreakfixError } from "../../core/index.js";

export type Launcher = "python" | "accelerate" | "torchrun";

export interface LaunchPlan {
  launcher: Launcher;
  /** Processes (GPUs) per node; default 1. */
  gpusPerNode?: number;
  nodes?: number;
  nodeRank?: number;
  /** Rendezvous host and port of node 0 (required with more than one node). */
  masterAddr?: string;
  masterPort?: number;
  /** The Python interpreter (python launcher) or the directory-less launcher names are used as given. */
  python?: string;
}

export interface SpawnCommand {
  command: string;
  /** Argument array: spawned without a shell, so no value is ever interpreted by one. */
  args: string[];
}

/**
 * The command that runs `script scriptArgs` under the chosen launcher: plain python (one process),
 * `accelerate launch` or `torchrun` (one GPU or many, one node or several).
 */
export function buildLaunchCommand(
  plan: LaunchPlan,
  script: string,
  scriptArgs: readonly string[],
): SpawnCommand {
  const gpus = plan.gpusPerNode ?? 1;
  const nodes = plan.nodes ?? 1;
  const rank = plan.nodeRank ?? 0;
  const bad = (message: string, fix: string): never => {
    throw new BreakfixError("USAGE", message, { fix });
  };
  if (!Number.isInteger(gpus) || gpus < 1)
    bad(`--gpus must be a positive whole number, got ${gpus}`, "pass e.g. --gpus 8");
  if (!Number.isInteger(nodes) || nodes < 1)
    bad(`--nodes must be a positive whole number, got ${nodes}`, "pass e.g. --nodes 2");
  if (!Number.isInteger(rank) || rank < 0 || rank >= nodes)
    bad(`--node-rank ${rank} is outside 0..${nodes - 1}`, "number the nodes from 0");
  if (nodes > 1 && plan.masterAddr === undefined) {
    bad(
      "several nodes need the rendezvous address of node 0",
      "pass --master-addr <host> (and --master-port)",
    );
  }
  const port = String(plan.masterPort ?? 29500);
  if (plan.launcher === "python") {
    if (gpus > 1 || nodes > 1)
      bad("the python launcher runs one process", "use --launcher accelerate or torchrun for several GPUs");
    return { command: plan.python ?? "python3", args: [script, ...scriptArgs] };
  }
  if (plan.launcher === "torchrun") {
    const multi =
      nodes > 1
        ? [
            `--nnodes=${nodes}`,
            `--node_rank=${rank}`,
            `--master_addr=${plan.masterAddr}`,
            `--master_port=${port}`,
          ]
        : ["--standalone", "--nnodes=1"];
    return { command: "torchrun", args: [...multi, `--nproc_per_node=${gpus}`, script, ...scriptArgs] };
  }
  const multi =
    nodes > 1
      ? [
          "--num_machines",
          String(nodes),
          "--machine_rank",
          String(rank),
          "--main_process_ip",
          plan.masterAddr as string,
          "--main_process_port",
          port,
        ]
      : [];
  const distributed = gpus * nodes > 1 ? ["--multi_gpu"] : [];
  return {
    command: "accelerate",
    args: [
      "launch",
      ...distributed,
      "--num_processes",
      String(gpus * nodes),
      ...multi,
      script,
      ...scriptArgs,
    ],
  };
}
