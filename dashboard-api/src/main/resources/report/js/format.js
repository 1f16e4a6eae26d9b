// Numbers for the report: a dash for nothing to count, fixed decimals, shares as percentages.
export const DASH = '–';

export function num(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  return Number(value).toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function pct(share, digits = 1) {
  return share === null || share === undefined ? DASH : num(share * 100, digits) + ' %';
}

/** The change from `before` to `now` and whether it is better (`lowerIsBetter` for overflow and response times). */
export function delta(now, before, lowerIsBetter, scale = 1, digits = 1) {
  if (now === null || now === undefined || before === null || before === undefined) {
    return { text: DASH, cls: 'same' };
  }
  const d = (now - before) * scale;
  const rounded = Number(d.toFixed(digits));
  if (rounded === 0) return { text: '= ' + num(0, digits), cls: 'same' };
  const better = lowerIsBetter ? d < 0 : d > 0;
  return { text: (d > 0 ? '▲ +' : '▼ −') + num(Math.abs(d), digits), cls: better ? 'better' : 'worse' };
}

/** "1 Oct – 31 Dec 2026" for [from, to) in UTC days. */
export function span(fromIso, toIso) {
  const opts = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  const last = new Date(new Date(toIso).getTime() - 1);
  return new Date(fromIso).toLocaleDateString('en-GB', opts) + ' – ' + last.toLocaleDateString('en-GB', opts);
}

export function when(iso) {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

/** The quarters before `quarter` (itself first), such as 2026-Q4, 2026-Q3, ... */
export function quartersBefore(quarter, count) {
  let [year, q] = quarter.split('-Q').map(Number);
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) { q = 4; year -= 1; }
  }
  return out;
}

/** Figures of a community by zone id. */
export function byZone(assessment) {
  return new Map(assessment.communities.map((c) => [c.zoneId, c]));
}

/** The zone's totals over its communities: bin-days weighted overflow, pickups, volumes. */
export function totals(assessment) {
  const t = { bins: 0, binDays: 0, overflowHours: 0, collected: 0, verified: 0, volume: 0, recyclable: 0, reports: 0 };
  const residual = new Set(assessment.settings.residualStreams);
  for (const c of assessment.communities) {
    t.bins += c.bins;
    t.binDays += c.binDays;
    t.overflowHours += c.overflowBinHours;
    t.collected += c.pickupsCollected;
    t.verified += c.pickupsVerified;
    t.volume += c.totalVolumeL;
    t.reports += c.citizenReports;
    for (const [stream, litres] of Object.entries(c.volumeByStreamL)) {
      if (!residual.has(stream)) t.recyclable += litres;
    }
  }
  t.overflowPer1000 = t.binDays > 0 ? t.overflowHours / t.binDays * 1000 : null;
  t.verifiedShare = t.collected > 0 ? t.verified / t.collected : null;
  t.recyclableShare = t.volume > 0 ? t.recyclable / t.volume : null;
  const medians = assessment.communities.map((c) => c.responseMedianHours).filter((m) => m !== null).sort((a, b) => a - b);
  t.medianOfMedians = medians.length ? medians[Math.floor((medians.length - 1) / 2)] : null;
  return t;
}
