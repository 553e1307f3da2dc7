import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr (stdout stays clean for data). Without a TTY it prints
 * a plain line now and then, so CI logs show progress too.
 */
export function progressBar(label: string, unit: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {detail} | eta {eta_formatted}`,
      stream: process.stderr,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 5_000,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  return bar;
}
