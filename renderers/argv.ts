/** A command to run on a target: an argv, never parsed by a shell on drover's side. */
export type Argv = string[];
