// The output formats every command offers: one list, so that parsers and renderers agree.
export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];
