import { HypernixError } from '../util/errors.js';

/** The namespace of the element hypernix keeps in a domain's <metadata>. */
export const HYPERNIX_XMLNS = 'https://hypernix.dev/xmlns/vm/1';

/** What the kit records about a VM it made, so a later plan knows what it was made from. */
export interface VmRecord {
  deployment: string;
  /** The image's digest (sha256:…). */
  image: string;
  /** sha256 of the VM's settings (see settingsHash). */
  config: string;
  role: string;
}

/** Facts read back from `virsh dumpxml`. */
export interface DomainFacts {
  name: string;
  record?: VmRecord;
  macs: string[];
  disks: string[];
  serialLogs: string[];
}

export class DomainXmlError extends HypernixError {
  override name = 'DomainXmlError';
}

const MAX_XML = 1 << 20;
const escape = (text: string) => text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Puts the hypernix record into the domain XML virt-install printed. */
export function withRecord(xml: string, record: VmRecord): string {
  const element =
    `<hypernix:vm xmlns:hypernix="${HYPERNIX_XMLNS}" deployment="${escape(record.deployment)}"` +
    ` image="${escape(record.image)}" config="${escape(record.config)}" role="${escape(record.role)}"/>`;
  if (/<metadata>/.test(xml)) return xml.replace(/<metadata>/, `<metadata>\n    ${element}`);
  if (!/<\/name>/.test(xml)) throw new DomainXmlError('virt-install printed XML without a name');
  return xml.replace(/<\/name>/, `</name>\n  <metadata>\n    ${element}\n  </metadata>`);
}

/**
 * Sets the VNC password in the XML (which is then written 0600, defined, and deleted): virt-install
 * would take it only on its command line, where every user of the machine can read it.
 */
export function withVncPassword(xml: string, password: string): string {
  if (!/^[A-Za-z0-9_-]{1,8}$/.test(password))
    throw new DomainXmlError('a VNC password is 1-8 letters, digits, _ or -');
  const matches = xml.match(/<graphics type=["']vnc["']/g) ?? [];
  if (matches.length !== 1) throw new DomainXmlError('expected one VNC graphics element');
  return xml.replace(/<graphics type=(["'])vnc\1/, `<graphics type="vnc" passwd="${password}"`);
}

/** Reads the facts the plan needs from `virsh dumpxml` output; anything else is ignored. */
export function parseDomainXml(xml: string): DomainFacts {
  if (xml.length > MAX_XML) throw new DomainXmlError('domain XML over 1 MiB');
  const name = /<name>([^<]{1,200})<\/name>/.exec(xml)?.[1];
  if (!name) throw new DomainXmlError('domain XML without a name');
  const devices = xml.slice(xml.indexOf('<devices>'));
  return {
    name,
    record: readRecord(xml),
    macs: attributes(devices, /<mac address=(["'])([0-9a-fA-F:]{17})\1/g),
    disks: attributes(
      sections(devices, /<disk [^>]*device=["']disk["'][^>]*>([\s\S]*?)<\/disk>/g),
      /<source file=(["'])([^"']{1,4096})\1/g,
    ),
    serialLogs: attributes(
      sections(devices, /<serial type=["']file["'][^>]*>([\s\S]*?)<\/serial>/g),
      /<source path=(["'])([^"']{1,4096})\1/g,
    ),
  };
}

function readRecord(xml: string): VmRecord | undefined {
  const element = /<(\w+):vm\s([^>]{0,2000})\/?>/.exec(xml);
  if (!element) return undefined;
  const attrs = element[2] ?? '';
  if (!attrs.includes(HYPERNIX_XMLNS)) return undefined;
  const value = (key: string) =>
    new RegExp(`\\s${key}=(["'])([^"'<>&]{0,200})\\1`).exec(attrs)?.[2];
  const deployment = value('deployment');
  const image = value('image');
  const config = value('config');
  const role = value('role');
  if (!deployment || !image || !config || !role) return undefined;
  return { deployment, image, config, role };
}

function sections(text: string, pattern: RegExp): string {
  return [...text.matchAll(pattern)].map((match) => match[1] ?? '').join('\n');
}

function attributes(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => unescape(match[2] ?? ''));
}

const unescape = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
