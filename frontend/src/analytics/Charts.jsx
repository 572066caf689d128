import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const AXIS = { fontSize: 11, fill: 'currentColor' };
const short = (s) => (s.length > 18 ? `${s.slice(0, 17)}…` : s);
const time = (t) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** Messages per minute (or per bucket) over the selected range. */
export function TimelineChart({ points }) {
  if (points.length === 0) return <Empty />;
  return (
    <ResponsiveContainer width="100%" height={220}>
      <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.25} />
        <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={time} tick={AXIS} />
        <YAxis allowDecimals={false} tick={AXIS} />
        <Tooltip labelFormatter={(t) => new Date(t).toLocaleString()} formatter={(v) => [v, 'messages']} contentStyle={{ color: '#0f172a' }} />
        <Area type="monotone" dataKey="count" stroke="#4f46e5" fill="#6366f1" fillOpacity={0.3} isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
}

/** Horizontal bars of { key, count }. */
export function BarList({ items, color = '#4f46e5', label }) {
  if (items.length === 0) return <Empty />;
  const height = Math.max(120, items.length * 28 + 20);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={items} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.25} horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="key" width={120} tick={AXIS} tickFormatter={short} />
        <Tooltip formatter={(v) => [v, label]} contentStyle={{ color: '#0f172a' }} />
        <Bar dataKey="count" fill={color} radius={[0, 4, 4, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

function Empty() {
  return <p className="py-8 text-center text-sm text-slate-500 dark:text-slate-400">No data in this range.</p>;
}
