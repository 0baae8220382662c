/**
 * Lists that live in two packages because the dependency direction forbids sharing them
 * (the compiler may not import the data package): they must agree.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_DATASETS } from '@seqlab/compiler';
import { BUILTIN_NAMES } from '@seqlab/data';

describe('cross-package lists', () => {
  it('the compiler knows exactly the built-in data sets the data package provides', () => {
    expect([...BUILTIN_DATASETS].sort()).toEqual([...BUILTIN_NAMES].sort());
  });
});
