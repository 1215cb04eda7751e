/** Closest known names to a mistyped one ("did you mean corp-ad?"), best first. */
export function closestNames(input: string, known: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase();
  return known
    .map((name) => {
      const candidate = name.toLowerCase();
      const limit = Math.max(2, Math.floor(name.length / 3));
      // A name containing what was typed ("hq" → "hq-ldap") is a stronger hint than any typo distance.
      const contains = needle.length >= 2 && candidate.includes(needle);
      // The distance is at least the difference in length: a long paste costs no quadratic work.
      const far = Math.abs(needle.length - candidate.length) > limit;
      return { name, contains, limit, score: contains ? -1 : far ? Infinity : distance(needle, candidate) };
    })
    .filter(({ contains, score, limit }) => contains || score <= limit)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map(({ name }) => name);
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** ` Did you mean "sync"?` for a mistyped word among the known ones; '' when none is close. */
export function didYouMean(input: string, known: readonly string[], show: (name: string) => string = (n) => `"${n}"`): string {
  const close = closestNames(input, known, 2);
  return close.length > 0 ? ` Did you mean ${close.map(show).join(' or ')}?` : '';
}
