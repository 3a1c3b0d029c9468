/**
 * "Export pack" for the draft (docs/authoring.md, section 3): the pack as a JSON or a YAML file,
 * both of which the CLI validates and "Import pack file" installs. The YAML library is loaded only
 * when a trainer asks for YAML.
 */
import type { Pack } from '@/utils/packs/types';

export type ExportFormat = 'json' | 'yaml';

export interface ExportFile {
  name: string;
  text: string;
  type: string;
}

/** The pack as JSON (also what "Edit draft" shows). */
export function packJson(pack: Pack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

const baseName = (pack: Pack) => `${pack.id}-${pack.version}`;

/** The JSON file, at once (the download starts inside the click). */
export function jsonFile(pack: Pack): ExportFile {
  return { name: `${baseName(pack)}.json`, text: packJson(pack), type: 'application/json' };
}

export async function yamlFile(pack: Pack): Promise<ExportFile> {
  const base = baseName(pack);
  const { stringify } = await import('yaml');
  // No line folding: long Markdown bodies stay one scalar per line, as a trainer wrote them.
  const text = `# CRM Coach pack: validate with "crm-coach-pack validate ${base}.yaml"\n${stringify(pack, { lineWidth: 0 })}`;
  return { name: `${base}.yaml`, text, type: 'application/yaml' };
}
