// Builds seattle-temp.jsonl: 14 days of Seattle's daily maximum temperature (°C) -> the next
// day's maximum, one JSONL record per day, split by the date of the day predicted.
//
// Source: data/seattle-weather.csv of the npm package vega-datasets@3.2.1 (package licence
// BSD-3-Clause; the data are NOAA daily records, a U.S. Government work). The package is not a
// dependency of seqlab; fetch it once and pass the unpacked folder:
//
//   cd /tmp && npm pack vega-datasets@3.2.1 && tar xzf vega-datasets-3.2.1.tgz
//   node examples/real/make-weather.mjs /tmp/package [OUT.jsonl]
//
// The output is the same byte for byte on every run (no randomness).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WINDOW = 14;
const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.argv[2];
if (!pkg) {
  console.error('usage: node make-weather.mjs PATH/TO/vega-datasets (the unpacked npm package)');
  process.exit(2);
}

/** The rows of the CSV as { date, tempMax }, in file (date) order. */
function readDays(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = header.split(',');
  const date = cols.indexOf('date');
  const tempMax = cols.indexOf('temp_max');
  return lines.map((line) => {
    const cells = line.split(',');
    return { date: cells[date], tempMax: Number(cells[tempMax]) };
  });
}

/**
 * Split by the day predicted, so that no valid or test target is ever a training input or
 * target: 2012-2014 train, January-June 2015 valid, July-December 2015 test. A valid or test
 * window may read earlier days as inputs, as a real forecast would.
 */
function splitOf(date) {
  if (date < '2015-01-01') return 'train';
  return date < '2015-07-01' ? 'valid' : 'test';
}

const days = readDays(join(pkg, 'data', 'seattle-weather.csv'));
for (let i = 1; i < days.length; i++) {
  // The windows assume consecutive days; a gap would silently stretch a window.
  const step = Date.parse(days[i].date) - Date.parse(days[i - 1].date);
  if (step !== 86_400_000) throw new Error(`not consecutive: ${days[i - 1].date} ${days[i].date}`);
}
const records = [];
for (let t = WINDOW; t < days.length; t++) {
  const x = days.slice(t - WINDOW, t).map((d) => d.tempMax);
  const record = { x, y: [days[t].tempMax], split: splitOf(days[t].date) };
  records.push(JSON.stringify(record));
}
const out = process.argv[3] ?? join(here, 'seattle-temp.jsonl');
writeFileSync(out, records.join('\n') + '\n');
console.log(`${out}: ${records.length} records (${days[0].date} .. ${days.at(-1).date})`);
