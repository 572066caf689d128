/** Online (green) or offline (grey) dot; the text next to it carries the meaning. */
export default function PresenceDot({ online }) {
  return (
    <span
      aria-hidden="true"
      data-online={online ? 'true' : 'false'}
      className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ring-2 ring-white dark:ring-slate-900 ${
        online ? 'bg-emerald-500' : 'bg-slate-400 dark:bg-slate-600'
      }`}
    />
  );
}
