/** The PyTorch conformance suite on the wasm backend (fixtures from generate.py). */
import { conformanceSuite } from './suite.js';

conformanceSuite('wasm');
