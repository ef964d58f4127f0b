/** Placeholder until the console screens land (issue 4). */
export function App() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16 font-sans text-slate-900">
      <h1 className="text-3xl font-semibold tracking-tight">Lifeguard</h1>
      <p className="mt-4 text-lg text-slate-700">
        A console for Confluent Cloud identity pools: browse them, edit them,
        and check a filter against a real token before you save it.
      </p>
      <p className="mt-4 text-slate-700">
        The console screens are on their way. Until then the server runs the
        Confluent IAM emulator with demo data, which any Confluent client can
        use.
      </p>
    </main>
  );
}
