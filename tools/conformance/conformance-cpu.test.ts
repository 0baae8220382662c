/** The PyTorch conformance suite on the cpu backend (fixtures from generate.py). */
import { conformanceSuite } from './suite.js';

conformanceSuite('cpu');
