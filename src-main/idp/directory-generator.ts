// A realistic directory for the demo IdP: people with varied names, departments and titles, and groups of
// different sizes. Names follow CloudSSO's rules so a push never fails on them: userName at most 64 characters
// of A–Z a–z 0–9 @ _ - . ; group names at most 128 characters of A–Z a–z 0–9 _ - . with no spaces.
import { SeededRandom } from './random';

export interface DemoUser {
  userName: string;
  givenName: string;
  familyName: string;
  /** Free text: may hold accents or CJK characters, which CloudSSO allows in DisplayName. */
  displayName: string;
  email: string;
  externalId: string;
  department: string;
  title: string;
  employeeNumber: string;
}

export interface DemoGroup {
  displayName: string;
  externalId: string;
  /** Indexes into DemoDirectory.users. */
  members: number[];
}

export interface DemoDirectory {
  seed: number;
  domain: string;
  users: DemoUser[];
  groups: DemoGroup[];
}

/** The domain of the generated userNames and e-mails, the same in the console's demo and `idp push`. */
export const DEMO_DOMAIN = 'example.com';

export interface GenerateOptions {
  users: number;
  groups: number;
  seed?: number;
  /** The e-mail and userName domain. */
  domain?: string;
}

export const USER_NAME_RULE = /^[A-Za-z0-9@_.-]{1,64}$/;
export const GROUP_NAME_RULE = /^[A-Za-z0-9_.-]{1,128}$/;

const GIVEN = [
  'Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia', 'Tim', 'Hedy', 'Donald',
  'Wei', 'Fang', 'Jing', 'Lei', 'Min', 'Xiaoming', 'Yan', 'Hao', 'Mei', 'Jun', 'Hiroshi', 'Yuki', 'Sakura', 'Min-jun', 'Seo-yeon',
  'José', 'María', 'Zoë', 'Søren', 'Björn', 'Anaïs', 'François', 'Chloé', 'Łukasz', 'Ömer', 'Aarav', 'Priya', 'Ananya', 'Kwame',
  'Amara', 'Chidi', 'Fatima', 'Omar', 'Layla', 'Mateo', 'Sofia', 'Liam', 'Olivia', 'Noah', 'Emma', 'Isabella', 'Lucas', 'Mia',
];
const FAMILY = [
  'Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Berners-Lee',
  'Lamarr', 'Knuth', 'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Sato', 'Suzuki', 'Takahashi', 'Kim',
  'Park', 'García', 'Fernández', 'Müller', 'Schröder', 'Nørgaard', 'Åberg', "O'Brien", 'McAllister', 'Dubois', 'Lefèvre', 'Kowalski',
  'Yılmaz', 'Sharma', 'Patel', 'Iyer', 'Mensah', 'Okafor', 'Haddad', 'Rossi', 'Silva', 'Smith', 'Johnson', 'van der Berg', 'de la Cruz',
];
const DEPARTMENTS: Record<string, string[]> = {
  Engineering: ['Platform', 'Frontend', 'Data', 'SRE', 'Security', 'Mobile'],
  Sales: ['EMEA', 'APAC', 'Americas', 'Enterprise'],
  Marketing: ['Brand', 'Growth', 'Events'],
  Finance: ['AP', 'AR', 'FP-A'],
  People: ['Recruiting', 'HRBP'],
  Support: ['Tier1', 'Tier2', 'Success'],
  Legal: ['Contracts', 'Privacy'],
  Product: ['Design', 'Research', 'PM'],
};
const TITLES = ['Engineer', 'Senior Engineer', 'Staff Engineer', 'Manager', 'Director', 'Analyst', 'Specialist', 'Lead', 'Associate', 'Consultant'];

/** Letters a–z, digits and . _ - only, accents folded (José → jose, Søren → soren, O'Brien → obrien). */
export function asciiToken(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[ıİ]/g, 'i')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9_.-]/g, '')
    .replace(/^[.-]+|[.-]+$/g, '');
}

/** A userName within CloudSSO's 64 characters: the local part is shortened, never the domain. */
export function userNameFor(given: string, family: string, domain: string, suffix: number): string {
  const tail = `${suffix > 1 ? suffix : ''}@${domain}`;
  const local = `${asciiToken(given) || 'user'}.${asciiToken(family) || 'x'}`.slice(0, Math.max(1, 64 - tail.length)).replace(/[.-]+$/, '');
  return `${local}${tail}`;
}

function groupNames(count: number): string[] {
  const names: string[] = count >= 3 ? ['All-Staff'] : [];
  const pool = Object.entries(DEPARTMENTS).flatMap(([dept, teams]) => [dept, ...teams.map((t) => `${dept}-${t}`)]);
  for (let round = 1; names.length < count; round++) {
    for (const name of pool) {
      if (names.length >= count) break;
      names.push(round === 1 ? name : `${name}.${round}`);
    }
  }
  return names;
}

/** Deterministic for a given seed, users, groups and domain. */
export function generateDirectory(options: GenerateOptions): DemoDirectory {
  const seed = options.seed ?? 1;
  const domain = options.domain ?? DEMO_DOMAIN;
  const rng = new SeededRandom(seed);
  const taken = new Set<string>();
  const departments = Object.keys(DEPARTMENTS);

  const users: DemoUser[] = [];
  for (let i = 0; i < options.users; i++) {
    const givenName = rng.pick(GIVEN);
    const familyName = rng.pick(FAMILY);
    // CloudSSO compares userNames without case: the second Wang Wei becomes wang.wei2@…
    let n = 1;
    while (taken.has(userNameFor(givenName, familyName, domain, n).toLowerCase())) n++;
    const userName = userNameFor(givenName, familyName, domain, n);
    taken.add(userName.toLowerCase());
    users.push({
      userName,
      givenName,
      familyName,
      displayName: `${givenName} ${familyName}`,
      email: userName.toLowerCase(),
      externalId: rng.uuid(),
      department: rng.pick(departments),
      title: rng.pick(TITLES),
      employeeNumber: String(100000 + i),
    });
  }

  const groups: DemoGroup[] = groupNames(options.groups).map((displayName) => ({ displayName, externalId: rng.uuid(), members: [] }));
  if (groups.length) {
    const everyone = groups[0]!.displayName === 'All-Staff';
    if (everyone) groups[0]!.members = users.map((_, i) => i);
    const teamGroups = everyone ? groups.slice(1) : groups;
    // Each person joins one or two team groups: some large groups, many small ones, as in real directories.
    if (teamGroups.length) {
      users.forEach((user, i) => {
        const own = teamGroups.filter((g) => g.displayName.startsWith(user.department));
        const first = own.length ? rng.pick(own) : rng.pick(teamGroups);
        first.members.push(i);
        if (rng.next() < 0.5 && teamGroups.length > 1) {
          const second = rng.pick(teamGroups);
          if (second !== first) second.members.push(i);
        }
      });
    }
  }
  return { seed, domain, users, groups };
}
