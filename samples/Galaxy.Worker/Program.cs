using Galaxy.Worker;
using Microsoft.Extensions.Hosting;

await GalaxyWorkerApp.Build(args).RunAsync();
