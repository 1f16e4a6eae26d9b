// The report's charts: Apache ECharts from its WebJar, drawn as SVG (sharp in print), no animation (what the
// screen shows at once is what prints). Communities in rank order, top to bottom.
import * as echarts from '/report/lib/echarts/echarts.esm.min.js';

const NOW = '#1f6feb';
const BEFORE = '#b8c4d0';
const P90 = '#8e24aa';
const charts = [];

function bars(node, names, series, unit, max, labelWidth = 92) {
  node.style.height = (48 + names.length * (series.length > 1 ? 20 : 14)) + 'px';
  const chart = echarts.init(node, null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    grid: { left: 4, right: 34, top: 22, bottom: 4, containLabel: true },
    legend: { top: 0, itemWidth: 10, itemHeight: 8, textStyle: { fontSize: 10 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max, axisLabel: { fontSize: 9 }, splitNumber: 4 },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { fontSize: 9, width: labelWidth, overflow: 'truncate' } },
    series: series.map((s) => ({
      type: 'bar', name: s.name, data: s.data, itemStyle: { color: s.colour }, barMaxWidth: 9,
      label: { show: true, position: 'right', fontSize: 8, formatter: (p) => (p.value === null ? '' : fmt(p.value) + unit) },
    })),
  });
  charts.push(chart);
  return chart;
}

function fmt(v) {
  return Math.abs(v) >= 100 ? Math.round(v).toString() : (Math.round(v * 10) / 10).toString();
}

function values(communities, before, pick, scale = 1) {
  return communities.map((c) => {
    const c0 = before.get(c.zoneId);
    const v = c0 ? pick(c0) : null;
    return v === null || v === undefined ? null : v * scale;
  });
}

/** Every chart of the report, for the assessment `now` and the one `before` (a Map by zone id). */
export function drawCharts(now, before, labels, trend) {
  for (const chart of charts.splice(0)) chart.dispose();
  const cs = now.communities;
  const names = cs.map((c) => `${c.rank}. ${c.name}`);
  const same = new Map(cs.map((c) => [c.zoneId, c]));
  bars(document.getElementById('chart-overflow'), names, [
    { name: labels.now, data: values(cs, same, (c) => c.overflowPer1000BinDays), colour: NOW },
    { name: labels.before, data: values(cs, before, (c) => c.overflowPer1000BinDays), colour: BEFORE },
  ], '');
  bars(document.getElementById('chart-response'), names, [
    { name: 'median', data: values(cs, same, (c) => c.responseMedianHours), colour: NOW },
    { name: '90th percentile', data: values(cs, same, (c) => c.responseP90Hours), colour: P90 },
  ], ' h');
  bars(document.getElementById('chart-verified'), names, [
    { name: labels.now, data: values(cs, same, (c) => c.verifiedShare, 100), colour: NOW },
    { name: labels.before, data: values(cs, before, (c) => c.verifiedShare, 100), colour: BEFORE },
  ], '', 100);
  bars(document.getElementById('chart-recycling'), names, [
    { name: labels.now, data: values(cs, same, (c) => c.recyclableShare, 100), colour: NOW },
    { name: labels.before, data: values(cs, before, (c) => c.recyclableShare, 100), colour: BEFORE },
  ], '', 100);
  const rows = trend.filter((t) => t.now !== null || t.before !== null);
  bars(document.getElementById('chart-trend'), rows.map((t) => t.label), [
    { name: labels.now, data: rows.map((t) => t.now), colour: NOW },
    { name: labels.before, data: rows.map((t) => t.before), colour: BEFORE },
  ], '', undefined, 130);
}

/** The charts follow their boxes (a window resized, the print layout). */
export function resizeCharts() {
  for (const chart of charts) chart.resize();
}

export function chartCount() {
  return charts.length;
}
