using Ombud.Bench.Handoff.Cli;

return await HandoffCommand.RunAsync(args);
