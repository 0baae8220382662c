/**
 * Colours and fonts for both figures. One palette per theme; each op family gets a soft
 * fill with a stronger border of the same hue, so colour groups layers without shouting.
 */
import type { Family } from './op-label.js';

/** Fill, border and text colour of one family. */
export interface Swatch {
  readonly fill: string;
  readonly stroke: string;
  readonly text: string;
}

/** Everything a renderer needs to colour a figure. */
export interface Theme {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly edge: string;
  readonly edgeLabelBg: string;
  readonly families: Readonly<Record<Family, Swatch>>;
}

/** Theme names accepted by the public API. */
export type ThemeName = 'light' | 'dark';

/** Sans-serif stack: common UI fonts first, DejaVu where nothing else is installed. */
export const SANS =
  "Inter, 'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif";
/** Monospace for shapes and op calls: they are code. */
export const MONO =
  "'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace";

const LIGHT: Theme = {
  background: '#ffffff',
  text: '#1f2937',
  muted: '#6b7280',
  edge: '#64748b',
  edgeLabelBg: '#ffffff',
  families: {
    recurrent: { fill: '#ffedd5', stroke: '#ea580c', text: '#7c2d12' },
    conv: { fill: '#dcfce7', stroke: '#16a34a', text: '#14532d' },
    dense: { fill: '#dbeafe', stroke: '#2563eb', text: '#1e3a8a' },
    elementwise: { fill: '#f3e8ff', stroke: '#9333ea', text: '#581c87' },
    reduce: { fill: '#fef9c3', stroke: '#ca8a04', text: '#713f12' },
    io: { fill: '#f1f5f9', stroke: '#475569', text: '#0f172a' },
  },
};

const DARK: Theme = {
  background: '#0f172a',
  text: '#e2e8f0',
  muted: '#94a3b8',
  edge: '#94a3b8',
  edgeLabelBg: '#0f172a',
  families: {
    recurrent: { fill: '#431407', stroke: '#fb923c', text: '#fed7aa' },
    conv: { fill: '#052e16', stroke: '#4ade80', text: '#bbf7d0' },
    dense: { fill: '#172554', stroke: '#60a5fa', text: '#bfdbfe' },
    elementwise: { fill: '#3b0764', stroke: '#c084fc', text: '#e9d5ff' },
    reduce: { fill: '#422006', stroke: '#facc15', text: '#fef08a' },
    io: { fill: '#1e293b', stroke: '#94a3b8', text: '#f1f5f9' },
  },
};

/** The palette for a theme name (light by default). */
export function themeFor(name: ThemeName | undefined): Theme {
  return name === 'dark' ? DARK : LIGHT;
}
