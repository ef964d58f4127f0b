// What the export tests read back from the scripts they run under real
// shells and the HCL they parse. Test-only; imports nothing, so it type
// checks in the browser project too.

/** One program the script ran, with its arguments. */
export type Call = { program: string; args: string[] };

export const SHELLS = ['bash', 'sh'] as const;

/**
 * The calls the shell's stand-ins recorded: each its name, its argument
 * count and its arguments, NUL separated (the only byte no argument can
 * hold).
 */
export function parseCalls(output: string): Call[] {
  const fields = output.split('\0');
  fields.pop();
  const calls: Call[] = [];
  while (fields.length > 0) {
    const program = fields.shift()!;
    const count = Number(fields.shift());
    calls.push({ program, args: fields.splice(0, count) });
  }
  return calls;
}

/** The value of `--flag value` or `--flag=value` in a Cobra command line. */
export function option(args: string[], flag: string): string | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg === '--') return undefined;
    if (arg === flag) return args[index + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

/** The positional name: right after the command words, or after `--`. */
export function cliName(args: string[]): string {
  const dashes = args.indexOf('--');
  return dashes >= 0 ? args[dashes + 1]! : args[3]!;
}

/** The JSON body of a curl call (`--data-raw`). */
export function dataOf(call: Call): unknown {
  return JSON.parse(call.args[call.args.indexOf('--data-raw') + 1]!);
}

/**
 * What hcl2json answers for an HCL string holding `value`: Terraform's JSON
 * syntax, where a literal `${` or `%{` is written `$${` / `%%{` and a bare
 * one is an interpolation, so an escape forgotten in the HCL shows up here
 * as a difference. HCL also normalises strings to NFC.
 */
export function asHclJson(value: string): string {
  return value.normalize('NFC').replace(/([$%])\{/g, '$1$1{');
}
