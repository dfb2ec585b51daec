using Galaxy.Modern;

await GalaxyModernApp.Build(args).RunAsync();
