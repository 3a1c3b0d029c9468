export function jsImports(code: string): string[];
export function htmlAssets(html: string): string[];
export function closure(dir: string, start: string[], read?: (p: string) => string): string[];
export function sizeOf(buffer: Uint8Array): { raw: number; gzip: number };
export function bundleSizes(dir: string): {
  files: Record<string, { raw: number; gzip: number }>;
  entries: Record<string, { files: string[]; raw: number; gzip: number }>;
};
export function contentScriptSizes(dir: string): {
  everyPage: { files: Record<string, { raw: number; gzip: number }>; raw: number; gzip: number };
  onDemand: Record<string, { file: string; raw: number; gzip: number }>;
};
