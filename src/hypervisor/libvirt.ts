import type { Host } from '../hosts/host.js';
import { parseDomainXml, type DomainFacts } from './domain-xml.js';

/** Domain names worth asking about: anything else cannot be ours and is not passed to virsh. */
const LISTED_NAME_RE = /^[A-Za-z0-9_.+-]{1,200}$/;
const SHORT = { timeoutMs: 60_000, maxOutputBytes: 1 << 20 };

/** virsh on the hypervisor, always with an argument vector and an explicit connection URI. */
export class Virsh {
  constructor(
    readonly host: Host,
    readonly uri: string,
  ) {}

  private run(args: readonly string[], okCodes: number[] = []) {
    return this.host.exec(['virsh', '-q', '-c', this.uri, ...args], { ...SHORT, okCodes });
  }

  /** Every domain, running or not. */
  async listAll(): Promise<string[]> {
    const { stdout } = await this.run(['list', '--all', '--name']);
    return stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((name) => LISTED_NAME_RE.test(name));
  }

  async facts(name: string): Promise<DomainFacts> {
    const { stdout } = await this.run(['dumpxml', '--domain', name]);
    return parseDomainXml(stdout);
  }

  /** Facts of every domain on the hypervisor (skipping one that vanished meanwhile). */
  async allFacts(): Promise<DomainFacts[]> {
    const facts: DomainFacts[] = [];
    for (const name of await this.listAll()) {
      const one = await this.facts(name).catch(() => undefined);
      if (one) facts.push(one);
    }
    return facts;
  }

  /** "running", "shut off", …; undefined when there is no such domain. */
  async state(name: string): Promise<string | undefined> {
    const { code, stdout } = await this.run(['domstate', '--domain', name], [1]);
    return code === 0 ? stdout.trim().slice(0, 40) : undefined;
  }

  async define(xmlFile: string): Promise<void> {
    await this.run(['define', '--file', xmlFile]);
  }

  async start(name: string): Promise<void> {
    await this.run(['start', '--domain', name]);
  }

  async autostart(name: string): Promise<void> {
    await this.run(['autostart', '--domain', name]);
  }

  /** Stops a domain hard if it runs; no error when it is not running. */
  async destroy(name: string): Promise<void> {
    if ((await this.state(name)) === 'running') await this.run(['destroy', '--domain', name], [1]);
  }

  /** Removes a domain's definition (and its UEFI variables, when it has them). */
  async undefine(name: string): Promise<void> {
    const { code } = await this.run(['undefine', '--domain', name, '--nvram'], [1]);
    if (code !== 0) await this.run(['undefine', '--domain', name]);
  }

  /** `virsh domifaddr` from one source; empty when that source knows nothing (yet). */
  async interfaceAddresses(name: string, source: AddressSource): Promise<string> {
    const { code, stdout } = await this.run(
      ['domifaddr', '--domain', name, '--source', source],
      [1],
    );
    return code === 0 ? stdout : '';
  }
}

export type AddressSource = 'agent' | 'lease' | 'arp';
