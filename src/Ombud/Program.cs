using Ombud;

return await OmbudCli.RunAsync(args);
