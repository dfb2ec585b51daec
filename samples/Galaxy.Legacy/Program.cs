using Galaxy.Legacy;

await GalaxyLegacyApp.Build(args).RunAsync();
