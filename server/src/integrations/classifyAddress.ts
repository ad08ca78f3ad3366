import { isIP } from 'node:net';

/** Where an IP address leads; only `public` is reachable by a webhook unless an admin allows private networks. */
export type AddressKind = 'public' | 'loopback' | 'link_local' | 'private' | 'unspecified' | 'reserved';

function ipv4Kind([a, b, c]: number[]): AddressKind {
  if (a === 0) return 'unspecified'; // 0.0.0.0/8: "this network", reaches the local host on Linux
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link_local'; // includes cloud metadata at 169.254.169.254
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // 100.64.0.0/10, carrier-grade NAT
  if (a === 198 && (b === 18 || b === 19)) return 'private'; // 198.18.0.0/15, benchmarking: used inside networks
  if (a === 192 && b === 0 && c === 0) return 'reserved'; // 192.0.0.0/24, protocol assignments
  // The documentation ranges (TEST-NET-1, -2, -3): never a real server, so no webhook's.
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'reserved';
  if (a >= 224) return 'reserved'; // multicast, 240/4 and broadcast: never a web server
  return 'public';
}

/** The 16 bytes of an IPv6 literal (may end in a dotted IPv4, may carry a %zone). */
function ipv6Bytes(ip: string): number[] {
  let text = ip.split('%')[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const headGroups = groups(head);
  const tailGroups = groups(tail);
  const all =
    tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill(0), ...tailGroups];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function ipv6Kind(bytes: number[]): AddressKind {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return 'unspecified';
  if (zeros(0, 15) && bytes[15] === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d reaches the IPv4 address itself on a dual-stack socket.
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return ipv4Kind(bytes.slice(12));
  if (zeros(0, 12)) return 'reserved'; // deprecated IPv4-compatible ::a.b.c.d
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address a gateway will forward to.
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) {
    return ipv4Kind(bytes.slice(12));
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return ipv4Kind(bytes.slice(2, 6));
  const [first = 0, second = 0] = bytes;
  if (first === 0xfe && (second & 0xc0) === 0x80) return 'link_local'; // fe80::/10
  if (first === 0xfe && (second & 0xc0) === 0xc0) return 'private'; // fec0::/10, old site-local
  if ((first & 0xfe) === 0xfc) return 'private'; // fc00::/7, unique local
  if (first === 0xff) return 'reserved'; // multicast
  if (first === 0x20 && second === 0x01 && bytes[2] === 0x0d && bytes[3] === 0xb8) return 'reserved'; // 2001:db8::/32, documentation
  return 'public';
}

/** Classifies an IP literal (IPv4 or IPv6, without brackets); undefined when `ip` is not one. */
export function classifyAddress(ip: string): AddressKind | undefined {
  const version = isIP(ip.split('%')[0]!);
  if (version === 4) return ipv4Kind(ip.split('.').map(Number));
  if (version === 6) return ipv6Kind(ipv6Bytes(ip));
  return undefined;
}
