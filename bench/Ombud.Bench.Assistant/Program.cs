using Ombud.Bench.Assistant.Cli;

return await BenchCommand.RunAsync(args);
