// Runs once when the server starts: open and migrate the database, seed the demo, close cleanly on exit.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./lib/boot");
  await boot();
}
